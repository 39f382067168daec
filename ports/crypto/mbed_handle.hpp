// RAII for the mbedTLS contexts of the host's key tooling (keys, randomness), on top of the
// verification contexts of mbed_context.hpp: each context type gets its init() on construction and
// its free() on destruction, so no early return or exception can leak one (or leave a private
// scalar behind: mbedTLS's free() functions wipe what they held). Host code only.
#pragma once

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>

#include "mbed_context.hpp"

namespace tc::crypto::mbed {

using EcpKeypair = Handle<mbedtls_ecp_keypair, mbedtls_ecp_keypair_init, mbedtls_ecp_keypair_free>;
using PkContext = Handle<mbedtls_pk_context, mbedtls_pk_init, mbedtls_pk_free>;
using Entropy = Handle<mbedtls_entropy_context, mbedtls_entropy_init, mbedtls_entropy_free>;
using CtrDrbg = Handle<mbedtls_ctr_drbg_context, mbedtls_ctr_drbg_init, mbedtls_ctr_drbg_free>;

}  // namespace tc::crypto::mbed
