// The crypto port on the host (docs/crypto.md): mbedTLS for SHA-256 and ECDSA P-256, libsodium for
// Ed25519. Stateless, so one instance may serve several threads.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/crypto.hpp"

namespace tc::crypto {

class HostCrypto final : public Crypto {
 public:
  Status sha256(std::span<const Bytes> parts, std::span<uint8_t, kSha256Size> out) override;
  Verdict verify(Algorithm alg, Bytes public_key, Bytes message, Bytes signature) override;
};

// Runs sodium_init() once per process (thread-safe) and says whether libsodium is usable. Every
// libsodium user in the tree goes through it (the key tooling too).
[[nodiscard]] bool sodium_ready();

}  // namespace tc::crypto
