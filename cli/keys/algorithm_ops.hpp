// One signature algorithm's key operations on raw bytes, so that PrivateKey and PublicKey dispatch
// once instead of switching in every method. Internal to cli/keys.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "keys/secret.hpp"

namespace tc::keys::detail {

using Bytes = std::span<const uint8_t>;
using Signature = std::array<uint8_t, crypto::kSignatureSize>;

struct KeyMaterial {
  SecretBytes secret;  // es256: the 32-byte scalar; eddsa: the 32-byte seed
  std::vector<uint8_t> public_key;
};

struct AlgorithmOps {
  KeyMaterial (*generate)();
  KeyMaterial (*from_private_der)(Bytes der);  // DER under "PRIVATE KEY" (or "EC PRIVATE KEY")
  std::vector<uint8_t> (*from_public_der)(Bytes der);  // DER under "PUBLIC KEY"
  std::string (*private_pem)(Bytes secret, Bytes public_key);
  std::string (*public_pem)(Bytes public_key);
  Signature (*sign)(Bytes secret, Bytes message);
};

const AlgorithmOps& p256_ops();     // p256.cpp: mbedTLS
const AlgorithmOps& ed25519_ops();  // ed25519.cpp: libsodium, RFC 8410 framing
const AlgorithmOps& ops(crypto::Algorithm alg);

}  // namespace tc::keys::detail
