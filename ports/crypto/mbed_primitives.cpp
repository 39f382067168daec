#include "mbed_primitives.hpp"

#include <mbedtls/ecdsa.h>

#include "mbed_context.hpp"

namespace tc::crypto::mbed {
namespace {

constexpr std::size_t kScalarSize = kSignatureSize / 2;

}  // namespace

Status sha256(std::span<const Bytes> parts, std::span<uint8_t, kSha256Size> out) {
  Sha256 context;
  bool ok = mbedtls_sha256_starts_ret(context.get(), 0) == 0;
  for (const Bytes& part : parts) {
    ok = ok && mbedtls_sha256_update_ret(context.get(), part.data(), part.size()) == 0;
  }
  ok = ok && mbedtls_sha256_finish_ret(context.get(), out.data()) == 0;
  return ok ? Status::Ok() : Status(StatusCode::internal, "SHA-256 failed");
}

Verdict verify_es256(Bytes public_key, Bytes message, Bytes signature) {
  if (public_key.size() != kP256PublicKeySize) return Verdict::bad_key;
  if (signature.size() != kSignatureSize) return Verdict::bad_size;
  EcpGroup group;
  // Only a build without the curve (or out of memory) fails here.
  if (mbedtls_ecp_group_load(group.get(), MBEDTLS_ECP_DP_SECP256R1) != 0) {
    return Verdict::unsupported;
  }
  EcpPoint point;
  if (mbedtls_ecp_point_read_binary(group.get(), point.get(), public_key.data(),
                                    public_key.size()) != 0 ||
      mbedtls_ecp_check_pubkey(group.get(), point.get()) != 0) {
    return Verdict::bad_key;
  }
  Mpi r;
  Mpi s;
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

}  // namespace tc::crypto::mbed
