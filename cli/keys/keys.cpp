// PublicKey and PrivateKey: PEM parsing picks the algorithm, algorithm_ops does the rest.
#include "keys/keys.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "host_crypto.hpp"
#include "keys/algorithm_ops.hpp"
#include "keys/key_der.hpp"
#include "keys/pem.hpp"

namespace tc::keys {
namespace {

constexpr std::string_view kPkcs8Label = "PRIVATE KEY";
constexpr std::string_view kSec1Label = "EC PRIVATE KEY";
constexpr std::string_view kPrivateLabels[] = {kPkcs8Label, kSec1Label};
constexpr std::string_view kPublicLabels[] = {"PUBLIC KEY"};

}  // namespace

std::array<uint8_t, crypto::kKeyIdSize> PublicKey::kid() const {
  crypto::HostCrypto crypto;
  std::array<uint8_t, crypto::kKeyIdSize> kid{};
  const Status status = crypto::key_id(crypto, raw, kid);
  if (!status.ok()) throw KeyError(status.message());
  return kid;
}

crypto::TrustAnchor trust_anchor(const PublicKey& key, crypto::Role role,
                                 const std::string& tenant) {
  crypto::TrustAnchor a;
  if (key.raw.size() > sizeof a.key) throw KeyError("public key too large");
  if (tenant.size() > crypto::kMaxTenantName) {
    throw KeyError("tenant name longer than " + std::to_string(crypto::kMaxTenantName) +
                   " characters");
  }
  a.role = role;
  a.alg = key.alg;
  std::copy(key.raw.begin(), key.raw.end(), a.key);
  a.key_size = static_cast<uint8_t>(key.raw.size());
  const auto kid = key.kid();
  std::copy(kid.begin(), kid.end(), a.kid);
  std::copy(tenant.begin(), tenant.end(), a.tenant);
  return a;
}

std::string PublicKey::pem() const {
  return detail::ops(alg).public_pem(raw);
}

PublicKey public_key_from_pem(const std::string& pem) {
  const detail::PemBlock block = detail::pem_decode(pem, kPublicLabels);
  const crypto::Algorithm alg =
      detail::declared_algorithm(block.der.span(), detail::KeyInfo::spki_public);
  return {alg, detail::ops(alg).from_public_der(block.der.span())};
}

PrivateKey PrivateKey::generate(crypto::Algorithm alg) {
  detail::KeyMaterial material = detail::ops(alg).generate();
  PrivateKey key;
  key.alg_ = alg;
  key.secret_ = std::move(material.secret).release();
  key.public_ = std::move(material.public_key);
  return key;
}

PrivateKey PrivateKey::from_pem(const std::string& pem) {
  const detail::PemBlock block = detail::pem_decode(pem, kPrivateLabels);
  // SEC1 has no AlgorithmIdentifier: it is an EC key by definition.
  const crypto::Algorithm alg =
      block.label == kSec1Label
          ? crypto::Algorithm::es256
          : detail::declared_algorithm(block.der.span(), detail::KeyInfo::pkcs8_private);
  detail::KeyMaterial material = detail::ops(alg).from_private_der(block.der.span());
  PrivateKey key;
  key.alg_ = alg;
  key.secret_ = std::move(material.secret).release();
  key.public_ = std::move(material.public_key);
  return key;
}

PrivateKey::PrivateKey(PrivateKey&& other) noexcept = default;

PrivateKey& PrivateKey::operator=(PrivateKey&& other) noexcept {
  if (this != &other) {
    detail::wipe(secret_);
    alg_ = other.alg_;
    secret_ = std::move(other.secret_);
    public_ = std::move(other.public_);
  }
  return *this;
}

PrivateKey::~PrivateKey() {
  detail::wipe(secret_);
}

PublicKey PrivateKey::public_key() const {
  return {alg_, public_};
}

std::string PrivateKey::pem() const {
  return detail::ops(alg_).private_pem(secret_, public_);
}

std::array<uint8_t, crypto::kSignatureSize> PrivateKey::sign(
    std::span<const uint8_t> message) const {
  return detail::ops(alg_).sign(secret_, message);
}

}  // namespace tc::keys
