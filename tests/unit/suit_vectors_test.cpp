// The draft-ietf-suit-manifest-37 examples and their EdDSA re-signatures (../shared/vectors/suit)
// through the device parser and authenticator.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "suit_test_support.hpp"

namespace tc::suit_test {
namespace {

constexpr int kExamples = 6;

std::string example(int n, const std::string& kind) {
  return draft_path("example" + std::to_string(n) + "." + kind + ".cbor");
}

uint64_t json_sequence(int n) {
  std::ifstream in(draft_path("example" + std::to_string(n) + ".json"));
  return nlohmann::json::parse(in).at("manifest-sequence-number").get<uint64_t>();
}

std::vector<uint8_t> sha256(std::span<const uint8_t> bytes) {
  crypto::HostCrypto crypto;
  std::vector<uint8_t> out(crypto::kSha256Size);
  const crypto::Bytes parts[] = {bytes};
  EXPECT_TRUE(crypto.sha256(parts, std::span<uint8_t, 32>(out.data(), 32)).ok());
  return out;
}

class DraftExamples : public ::testing::Test {
 protected:
  crypto::HostCrypto crypto_;
  crypto::TrustAnchor anchor_ = make_anchor(keys::load_public_key(draft_path("public_key.pem")));
  suit::Policy policy_{{&anchor_, 1}};

  suit::Report authenticate(const suit::Envelope& env) {
    suit::Authentication auth;
    return suit::authenticate(env, crypto_, policy_, auth);
  }

  // A changed byte must be refused by parse or by authenticate.
  bool refused(const std::vector<uint8_t>& bytes) {
    suit::Envelope env;
    const suit::Report parsed = suit::parse(bytes, env);
    return !parsed.ok() || !authenticate(env).ok();
  }

  // Flips bits of every byte of `region` (a span into `bytes`) in turn; returns how many
  // mutated copies were tried and records the ones not refused.
  std::size_t mutate_each(const std::vector<uint8_t>& bytes, std::span<const uint8_t> region,
                          const std::string& what) {
    const std::size_t start = offset_in(bytes, region);
    std::size_t tried = 0;
    for (std::size_t i = start; i < start + region.size(); ++i) {
      for (const uint8_t flip : {uint8_t{0x01}, uint8_t{0x80}}) {
        std::vector<uint8_t> copy = bytes;
        copy[i] ^= flip;
        ++tried;
        EXPECT_TRUE(refused(copy)) << what << ": byte " << i << " ^ " << int{flip};
      }
    }
    return tried;
  }
};

TEST_F(DraftExamples, SignedExamplesParseAndAuthenticate) {
  for (int n = 0; n < kExamples; ++n) {
    SCOPED_TRACE("example " + std::to_string(n));
    const std::vector<uint8_t> bytes = read_file(example(n, "signed"));
    suit::Envelope env;
    ASSERT_EQ(suit::parse(bytes, env).error, suit::Error::ok);
    EXPECT_EQ(env.version, 1U);
    EXPECT_EQ(env.sequence, json_sequence(n));
    ASSERT_EQ(env.signature_count, 1);
    EXPECT_TRUE(env.signatures[0].tagged);
    EXPECT_TRUE(env.signatures[0].detached);
    EXPECT_EQ(env.signatures[0].algorithm, -7);
    EXPECT_TRUE(env.signatures[0].kid.empty());
    EXPECT_EQ(env.manifest_digest.algorithm, -16);
    suit::Authentication auth;
    const suit::Report r = suit::authenticate(env, crypto_, policy_, auth);
    EXPECT_EQ(r.error, suit::Error::ok) << r.where;
    EXPECT_TRUE(auth.operator_signed);
    EXPECT_EQ(auth.signed_by, 1U);
  }
}

// The README of the vectors says the digest covers the manifest bstr with its head: check it
// against the bytes, and that the content alone would not match.
TEST_F(DraftExamples, ManifestDigestCoversTheBstrWithItsHead) {
  for (int n = 0; n < kExamples; ++n) {
    const std::vector<uint8_t> bytes = read_file(example(n, "signed"));
    suit::Envelope env;
    ASSERT_TRUE(suit::parse(bytes, env).ok());
    EXPECT_EQ(sha256(env.manifest_encoded), to_vector(env.manifest_digest.bytes));
    EXPECT_NE(sha256(env.manifest_encoded.subspan(env.manifest_encoded[0] == 0x59 ? 3 : 2)),
              to_vector(env.manifest_digest.bytes));
  }
}

TEST_F(DraftExamples, UnsignedExamplesHaveNoSignatureAndAreRefused) {
  std::vector<std::string> files;
  files.reserve(kExamples);
  for (int n = 0; n < kExamples; ++n)
    files.push_back(n == 2 ? draft_path("example2.severed-unsigned.cbor") : example(n, "unsigned"));
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const std::vector<uint8_t> bytes = read_file(file);
    suit::Envelope env;
    ASSERT_EQ(suit::parse(bytes, env).error, suit::Error::ok);
    EXPECT_EQ(env.signature_count, 0);
    EXPECT_EQ(authenticate(env).error, suit::Error::unsigned_envelope);
  }
}

// Every byte of each signature, of each digest and of each manifest's content, changed one at a
// time (two ways each), must make parse or authenticate fail.
TEST_F(DraftExamples, EverySingleByteChangeIsRefused) {
  std::size_t tried = 0;
  std::size_t expected = 0;
  for (int n = 0; n < kExamples; ++n) {
    const std::vector<uint8_t> bytes = read_file(example(n, "signed"));
    suit::Envelope env;
    ASSERT_TRUE(suit::parse(bytes, env).ok());
    const std::size_t head = env.manifest_encoded[0] == 0x59 ? 3 : 2;
    const std::span<const uint8_t> content = env.manifest_encoded.subspan(head);
    const std::string name = "example " + std::to_string(n);
    tried += mutate_each(bytes, env.signatures[0].signature, name + " signature");
    tried += mutate_each(bytes, env.manifest_digest.bytes, name + " digest");
    tried += mutate_each(bytes, content, name + " manifest");
    expected += 2 * (64 + 32 + content.size());
  }
  EXPECT_EQ(tried, expected);
  EXPECT_EQ(tried, 2U * (6 * (64 + 32) + 113 + 148 + 209 + 271 + 278 + 257));
  RecordProperty("mutations", static_cast<int>(tried));
}

TEST_F(DraftExamples, SeveredMembersAreReportedAbsent) {
  for (const char* file : {"example2.severed-signed.cbor", "example2.severed-unsigned.cbor"}) {
    SCOPED_TRACE(file);
    const std::vector<uint8_t> bytes = read_file(draft_path(file));
    suit::Envelope env;
    ASSERT_EQ(suit::parse(bytes, env).error, suit::Error::ok);
    for (const suit::Member* m : {&env.install, &env.text}) {
      EXPECT_EQ(m->form, suit::Member::Form::severed);
      EXPECT_FALSE(m->present);
      EXPECT_TRUE(m->value.empty());
      EXPECT_EQ(m->digest.algorithm, -16);
    }
    EXPECT_EQ(env.reference_uri, "https://git.io/JJYoj");
    EXPECT_EQ(suit::check_severed(crypto_, env).error, suit::Error::ok);
    const suit::DeviceIdentity identity;
    const suit::Context context{crypto_, identity, nullptr, {}};
    suit::Deployment d;
    const suit::Report r = suit::process(env, context, d);
    EXPECT_EQ(r.error, suit::Error::missing_member);
    EXPECT_STREQ(r.where, "install");
  }
  const std::vector<uint8_t> signed_bytes = read_file(draft_path("example2.severed-signed.cbor"));
  suit::Envelope env;
  ASSERT_TRUE(suit::parse(signed_bytes, env).ok());
  EXPECT_EQ(authenticate(env).error, suit::Error::ok);
}

// The full example 2 carries install and text; each member's digest in the manifest covers its
// bstr with the CBOR head (as the manifest digest does), not the content alone.
TEST_F(DraftExamples, CarriedSeveredMembersMatchTheirDigests) {
  const std::vector<uint8_t> bytes = read_file(example(2, "signed"));
  suit::Envelope env;
  ASSERT_TRUE(suit::parse(bytes, env).ok());
  for (const suit::Member* m : {&env.install, &env.text}) {
    EXPECT_EQ(m->form, suit::Member::Form::severed);
    ASSERT_TRUE(m->present);
    EXPECT_EQ(sha256(m->encoded), to_vector(m->digest.bytes));
    EXPECT_NE(sha256(m->value), to_vector(m->digest.bytes));
  }
  EXPECT_EQ(env.install.value.size(), 60U);
  EXPECT_EQ(suit::check_severed(crypto_, env).error, suit::Error::ok);
  EXPECT_EQ(authenticate(env).error, suit::Error::ok);
  // Carried, authentic, but not a container: the profile refuses it.
  const suit::DeviceIdentity identity;
  const suit::Context context{crypto_, identity, nullptr, {}};
  suit::Deployment d;
  EXPECT_EQ(suit::process(env, context, d).error, suit::Error::not_a_container);
}

TEST_F(DraftExamples, AChangedByteInASeveredMemberIsRefused) {
  const std::vector<uint8_t> bytes = read_file(example(2, "signed"));
  suit::Envelope env;
  ASSERT_TRUE(suit::parse(bytes, env).ok());
  std::size_t tried = 0;
  std::size_t mismatches = 0;
  for (const suit::Member* m : {&env.install, &env.text}) {
    const std::size_t start = offset_in(bytes, m->value);
    for (std::size_t i = start; i < start + m->value.size(); ++i) {
      std::vector<uint8_t> copy = bytes;
      copy[i] ^= 0x01;
      ++tried;
      suit::Envelope changed;
      const suit::Report parsed = suit::parse(copy, changed);
      if (!parsed.ok()) continue;
      const suit::Report checked = suit::check_severed(crypto_, changed);
      EXPECT_EQ(checked.error, suit::Error::severed_mismatch) << "byte " << i;
      mismatches += checked.error == suit::Error::severed_mismatch ? 1 : 0;
      EXPECT_FALSE(authenticate(changed).ok());
    }
  }
  EXPECT_EQ(tried, 60U + 523U);
  EXPECT_GT(mismatches, tried / 2);
}

class DerivedEddsa : public ::testing::Test {
 protected:
  static std::string file(int n) {
    return vector_path("suit/derived-eddsa/example" + std::to_string(n) + ".eddsa.cbor");
  }
  crypto::HostCrypto crypto_;
};

TEST_F(DerivedEddsa, AllVerifyWithTheRfc8032KeyAndNotWithTheP256Key) {
  const keys::PublicKey ed25519 =
      keys::load_public_key(vector_path("suit/derived-eddsa/ed25519_rfc8032_test1_public.pem"));
  EXPECT_EQ(ed25519.alg, crypto::Algorithm::eddsa);
  EXPECT_EQ(ed25519.raw,
            from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  const crypto::TrustAnchor eddsa_anchor = make_anchor(ed25519);
  const crypto::TrustAnchor p256_anchor =
      make_anchor(keys::load_public_key(draft_path("public_key.pem")));
  for (int n = 0; n < kExamples; ++n) {
    SCOPED_TRACE("example " + std::to_string(n));
    const std::vector<uint8_t> bytes = read_file(file(n));
    suit::Envelope env;
    ASSERT_EQ(suit::parse(bytes, env).error, suit::Error::ok);
    EXPECT_EQ(env.sequence, json_sequence(n));
    ASSERT_EQ(env.signature_count, 1);
    EXPECT_EQ(env.signatures[0].algorithm, -8);
    suit::Authentication auth;
    EXPECT_EQ(suit::authenticate(env, crypto_, {{&eddsa_anchor, 1}}, auth).error, suit::Error::ok);
    EXPECT_TRUE(auth.operator_signed);
    // No anchor of the algorithm: the device cannot check it (not a key it does not know).
    EXPECT_EQ(suit::authenticate(env, crypto_, {{&p256_anchor, 1}}, auth).error,
              suit::Error::unsupported);
  }
}

}  // namespace
}  // namespace tc::suit_test
