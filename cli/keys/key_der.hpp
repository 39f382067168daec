// Which algorithm a DER key declares: the AlgorithmIdentifier of a PKCS#8 PrivateKeyInfo or of a
// SubjectPublicKeyInfo. Internal to cli/keys.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/crypto.hpp"

namespace tc::keys::detail {

enum class KeyInfo : uint8_t { pkcs8_private, spki_public };

// es256 for an EC key (whose curve the P-256 code checks), eddsa for Ed25519. KeyError naming the
// key type for anything else, or saying the structure is malformed.
crypto::Algorithm declared_algorithm(std::span<const uint8_t> der, KeyInfo info);

}  // namespace tc::keys::detail
