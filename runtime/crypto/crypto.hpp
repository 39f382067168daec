// Port: the cryptography the device core needs to check a deployment (DESIGN.md 3): SHA-256 and
// signature verification. Never implemented by hand: the native port's implementation is
// mbedTLS (SHA-256, ECDSA P-256) and libsodium (Ed25519) (ports/crypto/host_crypto.hpp); the
// firmware's is the same mbedTLS built from Debian's source package.
//
// Only public keys ever reach the device: a TrustAnchor is a public key and the role it plays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::crypto {

inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kP256PublicKeySize = 65;  // SEC1 uncompressed: 0x04 || x || y
inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kMaxPublicKeySize = kP256PublicKeySize;
inline constexpr std::size_t kSignatureSize = 64;  // ES256: r || s (32 bytes each); Ed25519: R || S

using Bytes = std::span<const uint8_t>;

enum class Algorithm : uint8_t {
  es256 = 1,  // ECDSA on P-256 with SHA-256 over the message; COSE alg -7 (and -9, ESP256)
  eddsa = 2,  // Ed25519 (pure) over the message; COSE alg -8
};

// What a verification concluded. Only `valid` means the signature holds; the others say why not,
// so that a refusal can be explained (and tests can tell a bad key from a bad signature).
enum class Verdict : uint8_t {
  valid = 0,
  invalid,      // well-formed inputs, the signature does not verify
  bad_key,      // the public key is not a valid key of the algorithm (size, not on the curve)
  bad_size,     // the signature is not kSignatureSize bytes
  unsupported,  // this build has no implementation of the algorithm
};

[[nodiscard]] const char* describe(Verdict verdict);

class Crypto {
 public:
  // SHA-256 of the concatenation of `parts` (so that a digest over a CBOR header and a body
  // needs no copy).
  virtual Status sha256(std::span<const Bytes> parts, std::span<uint8_t, kSha256Size> out) = 0;
  // Verifies `signature` over `message` (the whole message: ES256 hashes it with SHA-256 itself).
  // `public_key` is kP256PublicKeySize bytes for es256, kEd25519PublicKeySize for eddsa.
  virtual Verdict verify(Algorithm alg, Bytes public_key, Bytes message, Bytes signature) = 0;

 protected:
  ~Crypto() = default;
};

// Who a trusted key speaks for (DESIGN.md 3): the operator acting for the device owner makes the
// permissions authoritative; a tenant may sign its own code too.
enum class Role : uint8_t { operator_key = 1, tenant_key = 2 };

inline constexpr std::size_t kMaxTenantName = 31;
inline constexpr std::size_t kKeyIdSize = 8;  // COSE kid: the first 8 bytes of SHA-256(public key)

struct TrustAnchor {
  Role role = Role::operator_key;
  Algorithm alg = Algorithm::es256;
  uint8_t key[kMaxPublicKeySize] = {};
  uint8_t key_size = 0;
  uint8_t kid[kKeyIdSize] = {};          // filled by the provisioning code (key_id())
  char tenant[kMaxTenantName + 1] = {};  // tenant_key only: the tenant it speaks for

  [[nodiscard]] Bytes public_key() const { return {key, key_size}; }
};

// The COSE key id TinyContainer's signer puts in each signature: the first kKeyIdSize bytes of
// SHA-256 over the raw public key. Lets the device pick the anchor without trying every key.
Status key_id(Crypto& crypto, Bytes public_key, std::span<uint8_t, kKeyIdSize> out);

}  // namespace tc::crypto
