// The crypto port's operations that mbedTLS implements (docs/crypto.md): SHA-256 over parts and
// ES256 verification. One implementation for both ports: the host's HostCrypto (Debian's
// libmbedcrypto) and the firmware's FirmwareCrypto (the same mbedTLS cross-compiled from
// Debian's source package). Device-core rules: no exceptions, no heap of its own (mbedTLS
// allocates its numbers through mbedtls_calloc: the C heap on the host, the firmware's arena).
#pragma once

#include <cstdint>
#include <span>

#include "crypto/crypto.hpp"

namespace tc::crypto::mbed {

// SHA-256 of the concatenation of `parts` (Crypto::sha256).
Status sha256(std::span<const Bytes> parts, std::span<uint8_t, kSha256Size> out);

// ECDSA P-256 with SHA-256 over `message`; `public_key` SEC1 uncompressed (65 bytes), `signature`
// raw r || s (64 bytes). The verdicts of docs/crypto.md's table; `unsupported` when the curve
// cannot be loaded (a build without P-256, or an allocation the arena cannot serve).
Verdict verify_es256(Bytes public_key, Bytes message, Bytes signature);

}  // namespace tc::crypto::mbed
