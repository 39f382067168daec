// The key the firmware trusts for signed installs (docs/firmware.md, "Trust"): one operator
// public key, ES256. For the QEMU images the build makes a key pair with the host's tcctl
// (`tcctl keygen --alg es256`) in <build>/trust/ and embeds its public half
// (embed_public_key.cmake writes the definition of kOperatorPublicKey); the tests sign with the
// private half. A product provisions its operator's key instead (docs/firmware.md).
#pragma once

#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "crypto/crypto.hpp"

namespace tc::cortex_m {

// SEC1 uncompressed P-256 point: 0x04 || x || y.
extern const std::span<const uint8_t, crypto::kP256PublicKeySize> kOperatorPublicKey;

// The trust anchor for kOperatorPublicKey: operator role, ES256, its kid computed by `crypto`.
Result<crypto::TrustAnchor> operator_anchor(crypto::Crypto& crypto);

}  // namespace tc::cortex_m
