#include "host_crypto.hpp"

#include <sodium.h>

#include "mbed_primitives.hpp"

namespace tc::crypto {
namespace {

Verdict verify_eddsa(Bytes public_key, Bytes message, Bytes signature) {
  if (public_key.size() != kEd25519PublicKeySize) return Verdict::bad_key;
  if (signature.size() != kSignatureSize) return Verdict::bad_size;
  if (!sodium_ready()) return Verdict::unsupported;
  if (crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                  public_key.data()) == 0) {
    return Verdict::valid;
  }
  // libsodium gives one answer for every failure; telling a bad key apart only matters for the
  // explanation, and it can never turn a refusal into an acceptance.
  return crypto_core_ed25519_is_valid_point(public_key.data()) == 1 ? Verdict::invalid
                                                                    : Verdict::bad_key;
}

}  // namespace

bool sodium_ready() {
  // A function-local static is initialised exactly once even with concurrent callers.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

Status HostCrypto::sha256(std::span<const Bytes> parts, std::span<uint8_t, kSha256Size> out) {
  return mbed::sha256(parts, out);
}

Verdict HostCrypto::verify(Algorithm alg, Bytes public_key, Bytes message, Bytes signature) {
  switch (alg) {
    case Algorithm::es256:
      return mbed::verify_es256(public_key, message, signature);
    case Algorithm::eddsa:
      return verify_eddsa(public_key, message, signature);
  }
  return Verdict::unsupported;
}

}  // namespace tc::crypto
