// Signing keys on the host (tcctl keygen / sign / suit verify; the native port's trust anchors):
// generate, save and load them as PEM, sign with them. Host only (exceptions, heap). The crypto is
// mbedTLS (P-256) and libsodium (Ed25519); the PEM framing and the fixed DER wrappers of RFC 8410
// for Ed25519 (which mbedTLS 2.28 does not know) are written here, nothing else.
//
// Files: a private key is PKCS#8 or SEC1 PEM ("PRIVATE KEY" / "EC PRIVATE KEY"); a public key is
// SubjectPublicKeyInfo PEM ("PUBLIC KEY"). keygen writes KEYDIR/private.pem and KEYDIR/public.pem
// (the private one with mode 0600).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"

namespace tc::keys {

class KeyError : public std::runtime_error {
 public:
  explicit KeyError(const std::string& message) : std::runtime_error(message) {}
};

struct PublicKey {
  crypto::Algorithm alg = crypto::Algorithm::es256;
  std::vector<uint8_t> raw;  // 65 bytes SEC1 uncompressed (es256) or 32 bytes (eddsa)

  // The COSE kid TinyContainer uses: the first 8 bytes of SHA-256(raw).
  [[nodiscard]] std::array<uint8_t, crypto::kKeyIdSize> kid() const;
  [[nodiscard]] std::string pem() const;
};

// A private key; its memory is wiped on destruction. Move-only.
class PrivateKey {
 public:
  static PrivateKey generate(crypto::Algorithm alg);
  static PrivateKey from_pem(const std::string& pem);  // KeyError naming what is wrong
  static PrivateKey load(const std::filesystem::path& path);

  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;
  ~PrivateKey();

  [[nodiscard]] crypto::Algorithm alg() const { return alg_; }
  [[nodiscard]] PublicKey public_key() const;
  [[nodiscard]] std::string pem() const;
  // ES256: deterministic ECDSA (RFC 6979) over SHA-256(message), raw r || s. EdDSA: Ed25519.
  [[nodiscard]] std::array<uint8_t, crypto::kSignatureSize> sign(
      std::span<const uint8_t> message) const;

 private:
  PrivateKey() = default;
  crypto::Algorithm alg_ = crypto::Algorithm::es256;
  std::vector<uint8_t> secret_;  // es256: the 32-byte scalar; eddsa: the 32-byte seed
  std::vector<uint8_t> public_;
};

PublicKey public_key_from_pem(const std::string& pem);  // KeyError naming what is wrong
// The device-side form of a public key: a trust anchor for `role` with its kid (and, for a tenant
// key, the tenant it speaks for; KeyError when the name is too long).
crypto::TrustAnchor trust_anchor(const PublicKey& key, crypto::Role role,
                                 const std::string& tenant = {});
PublicKey load_public_key(const std::filesystem::path& path);
// Writes KEYDIR/private.pem (0600) and KEYDIR/public.pem; refuses to overwrite existing files.
void write_key_pair(const PrivateKey& key, const std::filesystem::path& dir);

crypto::Algorithm parse_algorithm(const std::string& name);  // "es256" | "eddsa"
const char* algorithm_name(crypto::Algorithm alg);

}  // namespace tc::keys
