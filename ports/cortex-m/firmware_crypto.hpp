// The crypto port on the firmware (runtime/crypto/crypto.hpp, docs/crypto.md "mbedTLS on the
// firmware"): SHA-256 and ES256 verification by mbedTLS cross-compiled from Debian's source
// package, through the code the host port uses too (ports/crypto/mbed_primitives.hpp). Ed25519
// is not in mbedTLS 2.28: an EdDSA verification is `unsupported`.
//
// mbedTLS allocates its numbers with mbedtls_calloc; here that is a fixed arena inside this
// object (mbedTLS's memory_buffer_alloc), never the C heap. mbedTLS's allocator is global, so
// there is one FirmwareCrypto per image, made at start-up. Not for interrupt context.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "crypto/crypto.hpp"

namespace tc::cortex_m {

// The arena: the measured high-water mark of an ES256 verification with window 2 (each starts on
// a fresh arena) is 2,948 B for the wire test's envelopes but depends on the numbers: over all 262
// Wycheproof P-256 vectors (selftest_es256) it is 3,284 B, so 3.5 KiB leaves 300 B. Too small an
// arena makes a valid signature fail (3 KiB refused three of Wycheproof's valid ones).
inline constexpr std::size_t kCryptoArenaBytes = 3584;

// What the port measured, for the console and the docs.
struct CryptoFigures {
  uint32_t verifications = 0;
  crypto::Verdict last_verdict = crypto::Verdict::unsupported;
  uint64_t last_verify_us = 0;       // duration of the last verification (SysTick time)
  std::size_t arena_high_water = 0;  // the most of the arena one verification has touched
};

class FirmwareCrypto final : public crypto::Crypto {
 public:
  // Hands the arena to mbedTLS (mbedtls_memory_buffer_alloc_init).
  FirmwareCrypto();
  FirmwareCrypto(const FirmwareCrypto&) = delete;
  FirmwareCrypto& operator=(const FirmwareCrypto&) = delete;

  Status sha256(std::span<const crypto::Bytes> parts,
                std::span<uint8_t, crypto::kSha256Size> out) override;
  crypto::Verdict verify(crypto::Algorithm alg, crypto::Bytes public_key, crypto::Bytes message,
                         crypto::Bytes signature) override;

  [[nodiscard]] CryptoFigures figures() const;

 private:
  void reset_arena();
  [[nodiscard]] std::size_t arena_high_water() const;

  alignas(8) uint8_t arena_[kCryptoArenaBytes] = {};
  CryptoFigures figures_;
};

}  // namespace tc::cortex_m
