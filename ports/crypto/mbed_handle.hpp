// RAII for mbedTLS contexts: each context type gets its init() on construction and its free() on
// destruction, so no early return or exception can leak one (or leave a private scalar behind:
// mbedTLS's free() functions wipe what they held). Host code only.
#pragma once

#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

// The code is written against the 2.x API (Debian bookworm's 2.28); 3.x changed signatures that
// would otherwise fail with far less clear errors.
#if MBEDTLS_VERSION_MAJOR != 2
#error "TinyContainer's host crypto expects mbedTLS 2.x (Debian bookworm: 2.28)"
#endif

namespace tc::crypto::mbed {

template <typename T, void (*Init)(T*), void (*Free)(T*)>
class Handle {
 public:
  Handle() { Init(&context_); }
  ~Handle() { Free(&context_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&&) = delete;  // mbedTLS contexts may point into themselves
  Handle& operator=(Handle&&) = delete;

  T* get() { return &context_; }
  [[nodiscard]] const T* get() const { return &context_; }

 private:
  T context_{};
};

using Mpi = Handle<mbedtls_mpi, mbedtls_mpi_init, mbedtls_mpi_free>;
using EcpGroup = Handle<mbedtls_ecp_group, mbedtls_ecp_group_init, mbedtls_ecp_group_free>;
using EcpPoint = Handle<mbedtls_ecp_point, mbedtls_ecp_point_init, mbedtls_ecp_point_free>;
using EcpKeypair = Handle<mbedtls_ecp_keypair, mbedtls_ecp_keypair_init, mbedtls_ecp_keypair_free>;
using PkContext = Handle<mbedtls_pk_context, mbedtls_pk_init, mbedtls_pk_free>;
using Sha256 = Handle<mbedtls_sha256_context, mbedtls_sha256_init, mbedtls_sha256_free>;
using Entropy = Handle<mbedtls_entropy_context, mbedtls_entropy_init, mbedtls_entropy_free>;
using CtrDrbg = Handle<mbedtls_ctr_drbg_context, mbedtls_ctr_drbg_init, mbedtls_ctr_drbg_free>;

}  // namespace tc::crypto::mbed
