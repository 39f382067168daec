// RAII for the mbedTLS contexts that verification needs (big numbers, curve groups and points,
// SHA-256): each context gets its init() on construction and its free() on destruction, so no
// early return can leak one. Shared by the host port and the firmware's (mbed_primitives.hpp);
// the host's key tooling adds its contexts in mbed_handle.hpp.
#pragma once

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

// The code is written against the 2.x API (Debian bookworm's 2.28); 3.x changed signatures that
// would otherwise fail with far less clear errors.
#if MBEDTLS_VERSION_MAJOR != 2
#error "TinyContainer's crypto port expects mbedTLS 2.x (Debian bookworm: 2.28)"
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
using Sha256 = Handle<mbedtls_sha256_context, mbedtls_sha256_init, mbedtls_sha256_free>;

}  // namespace tc::crypto::mbed
