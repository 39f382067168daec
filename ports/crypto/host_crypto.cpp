#include "host_crypto.hpp"

#include <mbedtls/ecdsa.h>
#include <sodium.h>

#include "mbed_handle.hpp"

namespace tc::crypto {
namespace {

constexpr std::size_t kScalarSize = kSignatureSize / 2;

Verdict verify_es256(Bytes public_key, Bytes message, Bytes signature) {
  if (public_key.size() != kP256PublicKeySize) return Verdict::bad_key;
  if (signature.size() != kSignatureSize) return Verdict::bad_size;
  mbed::EcpGroup group;
  // Only a build without the curve fails here.
  if (mbedtls_ecp_group_load(group.get(), MBEDTLS_ECP_DP_SECP256R1) != 0) {
    return Verdict::unsupported;
  }
  mbed::EcpPoint point;
  if (mbedtls_ecp_point_read_binary(group.get(), point.get(), public_key.data(),
                                    public_key.size()) != 0 ||
      mbedtls_ecp_check_pubkey(group.get(), point.get()) != 0) {
    return Verdict::bad_key;
  }
  mbed::Mpi r;
  mbed::Mpi s;
  uint8_t hash[kSha256Size];
  // mbedtls_ecdsa_verify itself rejects r or s outside [1, n-1].
  if (mbedtls_mpi_read_binary(r.get(), signature.data(), kScalarSize) != 0 ||
      mbedtls_mpi_read_binary(s.get(), signature.data() + kScalarSize, kScalarSize) != 0 ||
      mbedtls_sha256_ret(message.data(), message.size(), hash, 0) != 0 ||
      mbedtls_ecdsa_verify(group.get(), hash, sizeof hash, point.get(), r.get(), s.get()) != 0) {
    return Verdict::invalid;
  }
  return Verdict::valid;
}

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
  mbed::Sha256 context;
  bool ok = mbedtls_sha256_starts_ret(context.get(), 0) == 0;
  for (const Bytes& part : parts) {
    ok = ok && mbedtls_sha256_update_ret(context.get(), part.data(), part.size()) == 0;
  }
  ok = ok && mbedtls_sha256_finish_ret(context.get(), out.data()) == 0;
  return ok ? Status::Ok() : Status(StatusCode::internal, "SHA-256 failed");
}

Verdict HostCrypto::verify(Algorithm alg, Bytes public_key, Bytes message, Bytes signature) {
  switch (alg) {
    case Algorithm::es256:
      return verify_es256(public_key, message, signature);
    case Algorithm::eddsa:
      return verify_eddsa(public_key, message, signature);
  }
  return Verdict::unsupported;
}

}  // namespace tc::crypto
