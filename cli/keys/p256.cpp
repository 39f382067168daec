// ES256 keys with mbedTLS: P-256 generation, SEC1/PKCS#8/SPKI parsing and writing, deterministic
// ECDSA (RFC 6979).
#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>

#include <string>

#include "keys/algorithm_ops.hpp"
#include "keys/keys.hpp"
#include "keys/mbed_error.hpp"
#include "mbed_handle.hpp"

namespace tc::keys::detail {
namespace {

namespace mbed = crypto::mbed;

constexpr std::size_t kScalarSize = 32;
constexpr std::size_t kPemCapacity = 1024;  // a P-256 key's PEM is under 300 bytes

// CTR_DRBG seeded from the platform entropy: key generation needs it, and signing too (mbedTLS
// blinds the scalar multiplication even though RFC 6979 fixes the nonce).
class Drbg {
 public:
  Drbg() {
    static constexpr unsigned char kPersonalization[] = "tinycontainer keys";
    check_mbed(mbedtls_ctr_drbg_seed(drbg_.get(), mbedtls_entropy_func, entropy_.get(),
                                     kPersonalization, sizeof kPersonalization - 1),
               "seeding the random generator failed");
  }
  void* context() { return drbg_.get(); }  // for mbedtls_ctr_drbg_random

 private:
  mbed::Entropy entropy_;  // declared first: drbg_ draws from it until destroyed
  mbed::CtrDrbg drbg_;
};

void require_p256(const mbedtls_ecp_keypair& key) {
  if (key.grp.id == MBEDTLS_ECP_DP_SECP256R1) return;
  const mbedtls_ecp_curve_info* curve = mbedtls_ecp_curve_info_from_grp_id(key.grp.id);
  throw KeyError(std::string("P-256 key expected, got ") +
                 (curve != nullptr ? curve->name : "an unknown curve"));
}

std::vector<uint8_t> encode_point(const mbedtls_ecp_group& group, const mbedtls_ecp_point& point) {
  std::vector<uint8_t> raw(crypto::kP256PublicKeySize);
  std::size_t size = 0;
  check_mbed(mbedtls_ecp_point_write_binary(&group, &point, MBEDTLS_ECP_PF_UNCOMPRESSED, &size,
                                            raw.data(), raw.size()),
             "encoding the P-256 public key failed");
  return raw;
}

KeyMaterial material_of(const mbedtls_ecp_keypair& key) {
  KeyMaterial material{SecretBytes(kScalarSize), encode_point(key.grp, key.Q)};
  check_mbed(mbedtls_mpi_write_binary(&key.d, material.secret.data(), kScalarSize),
             "encoding the P-256 private scalar failed");
  return material;
}

void load_group(mbedtls_ecp_group& group) {
  check_mbed(mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_SECP256R1), "loading P-256 failed");
}

KeyMaterial generate() {
  Drbg drbg;
  mbed::EcpKeypair key;
  check_mbed(mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, key.get(), mbedtls_ctr_drbg_random,
                                 drbg.context()),
             "generating a P-256 key failed");
  return material_of(*key.get());
}

// The parsed key of `pk`, which must be an EC key on P-256.
const mbedtls_ecp_keypair& p256_key_of(const mbedtls_pk_context& pk) {
  if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_ECKEY) {
    throw KeyError(std::string("unsupported key type: ") + mbedtls_pk_get_name(&pk));
  }
  const mbedtls_ecp_keypair& key = *mbedtls_pk_ec(pk);
  require_p256(key);
  return key;
}

KeyMaterial from_private_der(Bytes der) {
  mbed::PkContext pk;
  check_mbed(mbedtls_pk_parse_key(pk.get(), der.data(), der.size(), nullptr, 0),
             "malformed EC private key");
  const mbedtls_ecp_keypair& key = p256_key_of(*pk.get());
  // mbedTLS takes the public point stored in the file on trust; a mismatch would make every
  // signature fail against the public key given out.
  check_mbed(mbedtls_ecp_check_pub_priv(&key, &key),
             "the private key's public point does not match its scalar");
  return material_of(key);
}

std::vector<uint8_t> from_public_der(Bytes der) {
  mbed::PkContext pk;
  // Also checks that the point is on the curve.
  check_mbed(mbedtls_pk_parse_public_key(pk.get(), der.data(), der.size()),
             "malformed EC public key");
  const mbedtls_ecp_keypair& key = p256_key_of(*pk.get());
  return encode_point(key.grp, key.Q);
}

// PEM of the key with public point `public_key` and, unless `secret` is empty, scalar `secret`.
std::string write_pem(Bytes secret, Bytes public_key) {
  mbed::PkContext pk;
  check_mbed(mbedtls_pk_setup(pk.get(), mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)),
             "preparing the key failed");
  mbedtls_ecp_keypair& key = *mbedtls_pk_ec(*pk.get());
  load_group(key.grp);
  check_mbed(mbedtls_ecp_point_read_binary(&key.grp, &key.Q, public_key.data(), public_key.size()),
             "invalid P-256 public key");
  SecretBytes pem(kPemCapacity);
  if (secret.empty()) {
    check_mbed(mbedtls_pk_write_pubkey_pem(pk.get(), pem.data(), pem.size()),
               "writing the public key failed");
  } else {
    check_mbed(mbedtls_mpi_read_binary(&key.d, secret.data(), secret.size()),
               "invalid P-256 scalar");
    check_mbed(mbedtls_pk_write_key_pem(pk.get(), pem.data(), pem.size()),
               "writing the private key failed");
  }
  return {reinterpret_cast<const char*>(pem.data())};  // NUL-terminated by mbedTLS
}

std::string private_pem(Bytes secret, Bytes public_key) {
  return write_pem(secret, public_key);
}
std::string public_pem(Bytes public_key) {
  return write_pem({}, public_key);
}

void write_scalar(const mbed::Mpi& value, std::span<uint8_t> out) {
  // Left-pads with zeros: r and s are fixed-width in the raw form.
  check_mbed(mbedtls_mpi_write_binary(value.get(), out.data(), out.size()),
             "encoding the signature failed");
}

Signature sign(Bytes secret, Bytes message) {
  mbed::EcpGroup group;
  load_group(*group.get());
  mbed::Mpi d;
  check_mbed(mbedtls_mpi_read_binary(d.get(), secret.data(), secret.size()),
             "invalid P-256 scalar");
  uint8_t hash[crypto::kSha256Size];
  check_mbed(mbedtls_sha256_ret(message.data(), message.size(), hash, 0), "SHA-256 failed");
  Drbg drbg;
  mbed::Mpi r;
  mbed::Mpi s;
  check_mbed(mbedtls_ecdsa_sign_det_ext(group.get(), r.get(), s.get(), d.get(), hash, sizeof hash,
                                        MBEDTLS_MD_SHA256, mbedtls_ctr_drbg_random, drbg.context()),
             "ECDSA signing failed");
  Signature signature{};
  write_scalar(r, std::span(signature).first(kScalarSize));
  write_scalar(s, std::span(signature).last(kScalarSize));
  return signature;
}

}  // namespace

const AlgorithmOps& p256_ops() {
  static constexpr AlgorithmOps kOps{generate,    from_private_der, from_public_der,
                                     private_pem, public_pem,       sign};
  return kOps;
}

}  // namespace tc::keys::detail
