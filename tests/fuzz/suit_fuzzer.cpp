// Fuzzes the device's SUIT path as a deployment would run it: parse, authenticate against fixed
// trust anchors (the draft examples' P-256 key as the operator, RFC 8032's Ed25519 test key as a
// tenant), check the tenant, then process, whatever authenticate said (so that mutated manifests,
// whose signatures no longer hold, still reach the command interpreter). Also parses the input as
// a bare COSE_Sign1. Every view the results hold must lie inside the input or the fetch buffer.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "host_crypto.hpp"
#include "suit/suit.hpp"

namespace {

namespace suit = tc::suit;
namespace crypto = tc::crypto;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr uint8_t kDraftP256[crypto::kP256PublicKeySize] = {
    0x04, 0x84, 0x96, 0x81, 0x1a, 0xae, 0x0b, 0xaa, 0xab, 0xd2, 0x61, 0x57, 0x18,
    0x9e, 0xec, 0xda, 0x26, 0xbe, 0xaa, 0x8b, 0xf1, 0x1b, 0x6f, 0x3f, 0xe6, 0xe2,
    0xb5, 0x65, 0x9c, 0x85, 0xdb, 0xc0, 0xad, 0x3b, 0x1f, 0x2a, 0x4b, 0x6c, 0x09,
    0x81, 0x31, 0xc0, 0xa3, 0x6d, 0xac, 0xd1, 0xd7, 0x8b, 0xd3, 0x81, 0xdc, 0xdf,
    0xb0, 0x9c, 0x05, 0x2d, 0xb3, 0x39, 0x91, 0xdb, 0x73, 0x38, 0xb4, 0xa8, 0x96};
constexpr uint8_t kRfc8032Ed25519[crypto::kEd25519PublicKeySize] = {
    0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
    0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
// The draft examples' vendor and class ids; the seed program builds envelopes with them too.
constexpr uint8_t kVendor[suit::kUuidSize] = {0xfa, 0x6b, 0x4a, 0x53, 0xd5, 0xad, 0x5f, 0xdf,
                                              0xbe, 0x9d, 0xe6, 0x63, 0xe4, 0xd4, 0x1f, 0xfe};
constexpr uint8_t kClass[suit::kUuidSize] = {0x14, 0x92, 0xaf, 0x14, 0x25, 0x69, 0x5e, 0x48,
                                             0xbf, 0x42, 0x9b, 0x2d, 0x51, 0xf2, 0xab, 0x45};

crypto::TrustAnchor anchor(crypto::Crypto& c, crypto::Role role, crypto::Algorithm alg,
                           std::span<const uint8_t> key) {
  crypto::TrustAnchor a;
  a.role = role;
  a.alg = alg;
  std::copy(key.begin(), key.end(), a.key);
  a.key_size = static_cast<uint8_t>(key.size());
  check(crypto::key_id(c, key, a.kid).ok());
  if (role == crypto::Role::tenant_key) a.tenant[0] = 'a';
  return a;
}

struct Setup {
  crypto::HostCrypto crypto;
  crypto::TrustAnchor anchors[2] = {
      anchor(crypto, crypto::Role::operator_key, crypto::Algorithm::es256, kDraftP256),
      anchor(crypto, crypto::Role::tenant_key, crypto::Algorithm::eddsa, kRfc8032Ed25519)};
  suit::Policy policy{anchors, true};
  suit::DeviceIdentity identity;

  Setup() {
    std::copy(std::begin(kVendor), std::end(kVendor), identity.vendor_id);
    std::copy(std::begin(kClass), std::end(kClass), identity.class_id);
  }
};

// Serves every URI with a few bytes, and fails for URIs that ask for it.
class Fetcher final : public suit::Fetcher {
 public:
  tc::Result<suit::Bytes> fetch(std::string_view uri, std::span<uint8_t> into) override {
    if (uri.find("fail") != std::string_view::npos || into.size() < uri.size())
      return tc::Status(tc::StatusCode::not_found, "no");
    std::copy(uri.begin(), uri.end(), into.begin());
    return suit::Bytes(into.data(), uri.size());
  }
};

bool inside(suit::Bytes part, std::span<const uint8_t> whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static Setup setup;
  const std::span<const uint8_t> input(data, size);

  suit::Sign1 sign1;
  if (suit::parse_sign1(input, sign1).ok()) check(inside(sign1.signature, input));

  suit::Envelope env;
  const suit::Report parsed = suit::parse(input, env);
  check(suit::token(parsed.error) != nullptr && parsed.where != nullptr);
  if (!parsed.ok()) return 0;
  check(env.signature_count <= suit::kMaxSignatures && env.component_count <= suit::kMaxComponents);
  check(inside(env.manifest_encoded, input));

  suit::Authentication auth;
  const suit::Report authenticated = suit::authenticate(env, setup.crypto, setup.policy, auth);
  if (authenticated.ok()) check(auth.operator_signed && auth.signed_by != 0);
  (void)suit::check_tenant(setup.policy, auth, "a");

  uint8_t buffer[256];
  Fetcher fetcher;
  const suit::Context context{setup.crypto, setup.identity, &fetcher, buffer};
  suit::Deployment deployment;
  const suit::Report processed = suit::process(env, context, deployment);
  check(processed.where != nullptr);
  if (processed.ok()) {
    check(!deployment.name.empty());
    check(inside(deployment.image, input) || inside(deployment.image, buffer));
    check(inside(deployment.manifest, input) || inside(deployment.manifest, buffer));
  }
  return 0;
}
