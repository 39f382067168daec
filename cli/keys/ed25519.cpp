// EdDSA keys with libsodium (Ed25519), framed as RFC 8410 says since mbedTLS 2.28 knows no
// Ed25519 key format: only the two fixed DER wrappers below are written here, never any crypto.
#include <sodium.h>

#include <algorithm>
#include <string>

#include "host_crypto.hpp"
#include "keys/algorithm_ops.hpp"
#include "keys/keys.hpp"
#include "keys/pem.hpp"

namespace tc::keys::detail {
namespace {

constexpr std::size_t kSeedSize = crypto_sign_SEEDBYTES;
static_assert(crypto_sign_PUBLICKEYBYTES == crypto::kEd25519PublicKeySize);
static_assert(crypto_sign_BYTES == crypto::kSignatureSize);

// PKCS#8 v1 PrivateKeyInfo { 0, { id-Ed25519 }, OCTET STRING { OCTET STRING seed } } (RFC 8410 7).
constexpr uint8_t kPrivatePrefix[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                      0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
// SubjectPublicKeyInfo { { id-Ed25519 }, BIT STRING public key } (RFC 8410 4).
constexpr uint8_t kPublicPrefix[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                     0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

void require_sodium() {
  if (!crypto::sodium_ready()) throw KeyError("libsodium failed to initialise");
}

// The libsodium secret key (seed || public key) of `seed`, wiped after use.
SecretBytes expand(Bytes seed, std::span<uint8_t, crypto_sign_PUBLICKEYBYTES> public_key) {
  require_sodium();
  SecretBytes secret_key(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data());
  return secret_key;
}

KeyMaterial from_seed(SecretBytes seed) {
  KeyMaterial material{std::move(seed), std::vector<uint8_t>(crypto_sign_PUBLICKEYBYTES)};
  expand(material.secret.span(), std::span<uint8_t, crypto_sign_PUBLICKEYBYTES>(
                                     material.public_key.data(), crypto_sign_PUBLICKEYBYTES));
  return material;
}

KeyMaterial generate() {
  require_sodium();
  SecretBytes seed(kSeedSize);
  randombytes_buf(seed.data(), seed.size());
  return from_seed(std::move(seed));
}

// The key that follows `prefix` when `der` is exactly prefix || key, else nothing.
template <std::size_t N>
Bytes after_prefix(Bytes der, const uint8_t (&prefix)[N], std::size_t key_size) {
  if (der.size() != N + key_size || !std::equal(prefix, prefix + N, der.begin())) return {};
  return der.subspan(N);
}

KeyMaterial from_private_der(Bytes der) {
  const Bytes seed = after_prefix(der, kPrivatePrefix, kSeedSize);
  if (seed.empty()) {
    throw KeyError(
        "unsupported Ed25519 private key encoding (expected RFC 8410 PKCS#8 v1 without "
        "attributes or public key)");
  }
  return from_seed(SecretBytes(seed));
}

std::vector<uint8_t> from_public_der(Bytes der) {
  const Bytes raw = after_prefix(der, kPublicPrefix, crypto_sign_PUBLICKEYBYTES);
  if (raw.empty()) throw KeyError("malformed Ed25519 public key (RFC 8410 SPKI expected)");
  require_sodium();
  // Refuses small-order and non-canonical points, which no honest key pair produces.
  if (crypto_core_ed25519_is_valid_point(raw.data()) != 1) {
    throw KeyError("not a valid Ed25519 public key");
  }
  return {raw.begin(), raw.end()};
}

template <std::size_t N>
SecretBytes wrap(const uint8_t (&prefix)[N], Bytes key) {
  SecretBytes der(N + key.size());
  std::copy(key.begin(), key.end(), std::copy(prefix, prefix + N, der.data()));
  return der;
}

std::string private_pem(Bytes secret, Bytes /*public_key: derived from the seed*/) {
  return pem_encode("PRIVATE KEY", wrap(kPrivatePrefix, secret).span());
}

std::string public_pem(Bytes public_key) {
  return pem_encode("PUBLIC KEY", wrap(kPublicPrefix, public_key).span());
}

Signature sign(Bytes secret, Bytes message) {
  uint8_t public_key[crypto_sign_PUBLICKEYBYTES];
  const SecretBytes secret_key = expand(secret, public_key);
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key.span().data());
  return signature;
}

}  // namespace

const AlgorithmOps& ed25519_ops() {
  static constexpr AlgorithmOps kOps{generate,    from_private_der, from_public_der,
                                     private_pem, public_pem,       sign};
  return kOps;
}

}  // namespace tc::keys::detail
