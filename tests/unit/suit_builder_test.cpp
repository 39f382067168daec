// The host envelope builder (cli/suit): UUIDs, the container layout, and what it signs.
#include <gtest/gtest.h>

#include "suit/cbor_out.hpp"
#include "suit/envelope_builder.hpp"
#include "suit/inspect.hpp"
#include "suit/layout.hpp"
#include "suit_test_support.hpp"

namespace tc::suit_test {
namespace {

using suit_host::EnvelopeError;

TEST(SuitUuid, TextRoundTrips) {
  const std::string text = "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe";
  const suit_host::Uuid uuid = suit_host::parse_uuid(text);
  EXPECT_EQ(uuid[0], 0xfa);
  EXPECT_EQ(uuid[15], 0xfe);
  EXPECT_EQ(suit_host::format_uuid(uuid), text);
  EXPECT_EQ(suit_host::format_uuid(suit_host::parse_uuid("FA6B4A53-D5AD-5FDF-BE9D-E663E4D41FFE")),
            text);
}

TEST(SuitUuid, MalformedTextIsRefused) {
  for (const char* bad :
       {"", "fa6b4a53d5ad5fdfbe9de663e4d41ffe", "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffg",
        "fa6b4a53-d5ad-5fdf-be9de-663e4d41ffe"}) {
    EXPECT_THROW(suit_host::parse_uuid(bad), EnvelopeError) << bad;
  }
}

// RFC 9124's example vendor: uuid5(NAMESPACE_DNS, "arm.com"), the vendor id of the draft's
// examples.
TEST(SuitUuid, Version5KnownAnswers) {
  const suit_host::Uuid dns = suit_host::parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  EXPECT_EQ(suit_host::format_uuid(suit_host::uuid_v5(dns, "arm.com")),
            "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe");
  EXPECT_EQ(suit_host::format_uuid(suit_host::default_vendor_id()),
            "aba57a10-9c8e-5225-b518-cd990b58e6d1");
  EXPECT_EQ(suit_host::format_uuid(suit_host::default_class_id(
                suit_host::parse_uuid("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe"), "nRF52840")),
            "e0b7f35e-1345-5e83-bafb-23e4183b794b");
}

class SuitBuilder : public ::testing::Test {
 protected:
  SuitBuilder() {
    release_.name = "hello";
    release_.image = {1, 2, 3, 4, 5};
    release_.manifest_cbor = {0xa0};
    release_.sequence = 3;
    release_.vendor_id = suit_host::default_vendor_id();
    release_.class_id = suit_host::default_class_id(release_.vendor_id, "box");
  }
  keys::PrivateKey es256_ = keys::PrivateKey::generate(crypto::Algorithm::es256);
  keys::PrivateKey eddsa_ = keys::PrivateKey::generate(crypto::Algorithm::eddsa);
  suit_host::ContainerRelease release_;
};

TEST_F(SuitBuilder, EachSignerAddsOneSign1WithItsAlgorithmAndKid) {
  const std::vector<const keys::PrivateKey*> signers = {&es256_, &eddsa_};
  const std::vector<uint8_t> envelope = suit_host::build_envelope(release_, signers);
  suit::Envelope env;
  ASSERT_EQ(suit::parse(envelope, env).error, suit::Error::ok);
  ASSERT_EQ(env.signature_count, 2);
  EXPECT_EQ(env.signatures[0].algorithm, -7);
  EXPECT_EQ(env.signatures[1].algorithm, -8);
  const auto kid = es256_.public_key().kid();
  EXPECT_EQ(to_vector(env.signatures[0].kid), std::vector<uint8_t>(kid.begin(), kid.end()));
  EXPECT_TRUE(env.signatures[0].detached);
  EXPECT_EQ(env.sequence, 3U);
  ASSERT_EQ(env.payload_count, 2);
  EXPECT_EQ(env.payloads[0].key, "#i");
  EXPECT_EQ(env.payloads[1].key, "#m");
  EXPECT_EQ(env.install.form, suit::Member::Form::embedded);
  EXPECT_FALSE(env.shared_sequence.empty());
  EXPECT_FALSE(env.validate.empty());
  EXPECT_FALSE(env.invoke.empty());
}

// docs/suit.md, "Envelope layout", byte for byte: the uris travel with the digests and sizes in
// the shared sequence, the identity conditions run once (on component 0), and install fetches
// and matches every component at once.
TEST_F(SuitBuilder, TheManifestIsTheDocumentedLayout) {
  const std::vector<const keys::PrivateKey*> signers = {&es256_};
  const std::vector<uint8_t> envelope = suit_host::build_envelope(release_, signers);
  suit::Envelope env;
  ASSERT_EQ(suit::parse(envelope, env).error, suit::Error::ok);

  ASSERT_EQ(env.component_count, 2);
  for (uint8_t i = 0; i < 2; ++i) {
    const suit::ComponentId& id = env.components[i];
    ASSERT_EQ(id.count, 3);
    EXPECT_EQ(to_vector(id.segments[0]), (std::vector<uint8_t>{'t', 'c'}));
    EXPECT_EQ(to_vector(id.segments[1]), (std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o'}));
    EXPECT_EQ(to_vector(id.segments[2]),
              std::vector<uint8_t>{i == 0 ? uint8_t{'i'} : uint8_t{'m'}});
  }

  const auto digest = [](const std::vector<uint8_t>& payload) {
    suit_host::CborOut d;
    d.array(2).integer(-16).bytes(suit_host::sha256(payload));
    return d;
  };
  suit_host::CborOut shared;
  shared.array(12).uint(12).uint(0).uint(20).map(5);
  shared.uint(1).bytes(release_.vendor_id).uint(2).bytes(release_.class_id);
  shared.uint(3).wrap(digest(release_.image)).uint(14).uint(release_.image.size());
  shared.uint(21).text("#i");
  shared.uint(1).uint(15).uint(2).uint(15);
  shared.uint(12).uint(1).uint(20).map(3);
  shared.uint(3).wrap(digest(release_.manifest_cbor)).uint(14).uint(release_.manifest_cbor.size());
  shared.uint(21).text("#m");
  EXPECT_EQ(to_vector(env.shared_sequence), shared.data());

  // [12, true, 21, 2, 3, 15], [12, true, 3, 15], [12, 0, 23, 2]
  EXPECT_EQ(to_vector(env.install.value),
            (std::vector<uint8_t>{0x86, 0x0c, 0xf5, 0x15, 0x02, 0x03, 0x0f}));
  EXPECT_EQ(to_vector(env.validate), (std::vector<uint8_t>{0x84, 0x0c, 0xf5, 0x03, 0x0f}));
  EXPECT_EQ(to_vector(env.invoke), (std::vector<uint8_t>{0x84, 0x0c, 0x00, 0x17, 0x02}));
}

TEST_F(SuitBuilder, ALayoutWithoutComponentsIsRefused) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.components.clear();
  EXPECT_THROW(suit_host::encode_manifest(layout), EnvelopeError);
}

TEST_F(SuitBuilder, TheSameReleaseAndKeysGiveTheSameBytes) {
  const std::vector<const keys::PrivateKey*> signers = {&es256_};
  // Deterministic ECDSA (RFC 6979): the whole envelope is reproducible.
  EXPECT_EQ(suit_host::build_envelope(release_, signers),
            suit_host::build_envelope(release_, signers));
}

TEST_F(SuitBuilder, TheClassConditionIsWrittenOnlyForANonZeroClass) {
  const std::vector<const keys::PrivateKey*> signers = {&es256_};
  EXPECT_NE(suit_host::inspect(suit_host::build_envelope(release_, signers))
                .find("condition-class-identifier"),
            std::string::npos);
  release_.class_id = {};
  const std::string dump = suit_host::inspect(suit_host::build_envelope(release_, signers));
  EXPECT_EQ(dump.find("condition-class-identifier"), std::string::npos);
  EXPECT_EQ(dump.find("class-id"), std::string::npos);
  EXPECT_NE(dump.find("condition-vendor-identifier"), std::string::npos);
}

TEST_F(SuitBuilder, RefusesWhatCannotBeAContainer) {
  const std::vector<const keys::PrivateKey*> none;
  EXPECT_THROW(suit_host::build_envelope(release_, none), EnvelopeError);
  const std::vector<const keys::PrivateKey*> signers = {&es256_};
  release_.name.clear();
  EXPECT_THROW(suit_host::build_envelope(release_, signers), EnvelopeError);
}

// The device's whole path (parse, authenticate, process) for an envelope signed by `key`, on a
// device of the release's vendor and class: a smaller envelope must still be a deployment.
Outcome outcome_of(const std::vector<uint8_t>& envelope, const keys::PrivateKey& key,
                   const suit_host::ContainerRelease& release) {
  const crypto::TrustAnchor anchors[] = {make_anchor(key.public_key())};
  const suit::Policy policy{anchors};
  suit::DeviceIdentity identity;
  std::copy(release.vendor_id.begin(), release.vendor_id.end(), identity.vendor_id);
  std::copy(release.class_id.begin(), release.class_id.end(), identity.class_id);
  crypto::HostCrypto crypto;
  const suit::Context context{crypto, identity, nullptr, {}};
  Outcome o = run_device(envelope, policy, &context);
  EXPECT_EQ(o.report.error, suit::Error::ok) << o.report.where;
  EXPECT_EQ(o.deployment.name, release.name);
  EXPECT_EQ(to_vector(o.deployment.image), release.image);
  EXPECT_EQ(to_vector(o.deployment.manifest), release.manifest_cbor);
  return o;
}

// What an envelope adds to what it carries (docs/suit.md, "Envelope size"): envelope size minus
// the .tcx image minus the permissions manifest, for the case: a 4096-byte image, a
// 90-byte manifest, the name "climate-monitor", a board's class and one ES256 signature.
// Measured: 368 bytes (429 with the layout before "#i"/"#m", ["tc", NAME, "i"|"m"] and the uris
// in the shared sequence); 338 + 2 x the name's length for names under 24 bytes. The floor of the
// profile (signature, three digests, two UUIDs, kid) is 200 of them. A regression guard: the
// layout may shrink, never grow unnoticed.
TEST(SuitEnvelopeSize, TheOverheadOfA4KImageStaysAtItsMeasuredSize) {
  constexpr std::size_t kMeasuredOverhead = 368;
  constexpr std::size_t kMeasuredManifest = 225;  // the manifest bstr with its head
  const keys::PrivateKey key = keys::PrivateKey::generate(crypto::Algorithm::es256);
  suit_host::ContainerRelease release;
  release.name = "climate-monitor";
  release.image = std::vector<uint8_t>(4096, 0x5a);
  release.manifest_cbor = std::vector<uint8_t>(90, 0xa5);
  release.sequence = 1;
  release.vendor_id = suit_host::default_vendor_id();
  release.class_id = suit_host::default_class_id(release.vendor_id, "smartdronebox");
  const std::vector<const keys::PrivateKey*> signers = {&key};
  const std::vector<uint8_t> envelope = suit_host::build_envelope(release, signers);
  const std::size_t overhead =
      envelope.size() - release.image.size() - release.manifest_cbor.size();
  RecordProperty("overhead", static_cast<int>(overhead));
  EXPECT_LE(overhead, kMeasuredOverhead);
  EXPECT_LE(outcome_of(envelope, key, release).env.manifest_encoded.size(), kMeasuredManifest);
  // The floor no layout goes below: a 64-byte signature, three 32-byte digests, two 16-byte
  // UUIDs, the 8-byte kid, and the name in both component identifiers.
  EXPECT_GE(overhead, 64 + 3 * 32 + 2 * 16 + 8 + 2 * release.name.size());

  // Each further signer adds one COSE_Sign1: 86 bytes with its bstr head.
  const keys::PrivateKey eddsa = keys::PrivateKey::generate(crypto::Algorithm::eddsa);
  const std::vector<const keys::PrivateKey*> two = {&key, &eddsa};
  EXPECT_EQ(suit_host::build_envelope(release, two).size(), envelope.size() + 86);
}

}  // namespace
}  // namespace tc::suit_test
