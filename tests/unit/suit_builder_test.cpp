// The host envelope builder (cli/suit): UUIDs, the container layout, and what it signs.
#include <gtest/gtest.h>

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
  EXPECT_EQ(env.payloads[0].key, "#tc.image");
  EXPECT_EQ(env.payloads[1].key, "#tc.manifest");
  EXPECT_EQ(env.install.form, suit::Member::Form::embedded);
  EXPECT_FALSE(env.shared_sequence.empty());
  EXPECT_FALSE(env.validate.empty());
  EXPECT_FALSE(env.invoke.empty());
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

}  // namespace
}  // namespace tc::suit_test
