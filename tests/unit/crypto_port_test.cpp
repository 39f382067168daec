// The crypto port on the host (ports/crypto/host_crypto.hpp): SHA-256 known answers (FIPS 180-2
// examples), what each Verdict means, key_id() and describe() (runtime/crypto/crypto.cpp).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/crypto.hpp"
#include "crypto_test_support.hpp"
#include "host_crypto.hpp"

namespace tc::test {
namespace {

using crypto::Algorithm;
using crypto::Bytes;
using crypto::HostCrypto;
using crypto::Verdict;

Bytes bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

std::string sha256_hex(std::vector<Bytes> parts) {
  HostCrypto crypto;
  std::array<uint8_t, crypto::kSha256Size> digest{};
  EXPECT_TRUE(crypto.sha256(parts, digest).ok());
  return to_hex(digest);
}

constexpr std::string_view kTwoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex({bytes_of("")}),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex({bytes_of("abc")}),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex({bytes_of(kTwoBlocks)}),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1'000'000, 'a');
  EXPECT_EQ(sha256_hex({bytes_of(million)}),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PartsHashAsTheirConcatenation) {
  const std::string whole = sha256_hex({bytes_of(kTwoBlocks)});
  for (std::size_t cut = 0; cut <= kTwoBlocks.size(); ++cut) {
    EXPECT_EQ(sha256_hex({bytes_of(kTwoBlocks.substr(0, cut)), bytes_of(""),
                          bytes_of(kTwoBlocks.substr(cut))}),
              whole)
        << "cut at " << cut;
  }
}

// RFC 8032 section 7.1, TEST 1: the empty message.
const std::vector<uint8_t> kEd25519Public =
    from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const std::vector<uint8_t> kEd25519EmptySignature = from_hex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
// The key of the draft-ietf-suit-manifest examples (key_p256_raw.txt).
const std::vector<uint8_t> kP256Public = from_hex(
    "048496811aae0baaabd26157189eecda26beaa8bf11b6f3fe6e2b5659c85dbc0ad"
    "3b1f2a4b6c098131c0a36dacd1d78bd381dcdfb09c052db33991db7338b4a896");

TEST(Verify, Rfc8032Test1) {
  HostCrypto crypto;
  EXPECT_EQ(crypto.verify(Algorithm::eddsa, kEd25519Public, {}, kEd25519EmptySignature),
            Verdict::valid);
  const uint8_t one_byte[] = {0};
  EXPECT_EQ(crypto.verify(Algorithm::eddsa, kEd25519Public, one_byte, kEd25519EmptySignature),
            Verdict::invalid);
}

TEST(Verify, KeyOfTheWrongSizeIsBadKey) {
  HostCrypto crypto;
  const std::vector<uint8_t> signature(crypto::kSignatureSize);
  EXPECT_EQ(crypto.verify(Algorithm::es256, Bytes(kP256Public).first(64), {}, signature),
            Verdict::bad_key);
  EXPECT_EQ(crypto.verify(Algorithm::es256, kEd25519Public, {}, signature), Verdict::bad_key);
  EXPECT_EQ(crypto.verify(Algorithm::eddsa, kP256Public, {}, signature), Verdict::bad_key);
  EXPECT_EQ(crypto.verify(Algorithm::eddsa, {}, {}, signature), Verdict::bad_key);
}

TEST(Verify, P256PointOffTheCurveOrCompressedIsBadKey) {
  HostCrypto crypto;
  const std::vector<uint8_t> signature(crypto::kSignatureSize, 1);
  std::vector<uint8_t> off_curve = kP256Public;
  off_curve.back() ^= 1;
  EXPECT_EQ(crypto.verify(Algorithm::es256, off_curve, {}, signature), Verdict::bad_key);
  std::vector<uint8_t> not_uncompressed = kP256Public;
  not_uncompressed[0] = 0x02;
  EXPECT_EQ(crypto.verify(Algorithm::es256, not_uncompressed, {}, signature), Verdict::bad_key);
}

TEST(Verify, Ed25519SmallOrderKeyIsBadKey) {
  HostCrypto crypto;
  std::vector<uint8_t> identity(crypto::kEd25519PublicKeySize);
  identity[0] = 1;  // the neutral element, order 1
  EXPECT_EQ(crypto.verify(Algorithm::eddsa, identity, {}, kEd25519EmptySignature),
            Verdict::bad_key);
}

TEST(Verify, SignatureOfTheWrongSizeIsBadSize) {
  HostCrypto crypto;
  for (const std::size_t size : {0, 63, 65, 72}) {
    const std::vector<uint8_t> signature(size, 1);
    EXPECT_EQ(crypto.verify(Algorithm::es256, kP256Public, {}, signature), Verdict::bad_size);
    EXPECT_EQ(crypto.verify(Algorithm::eddsa, kEd25519Public, {}, signature), Verdict::bad_size);
  }
}

TEST(Verify, UnknownAlgorithmIsUnsupported) {
  HostCrypto crypto;
  EXPECT_EQ(crypto.verify(static_cast<Algorithm>(99), kEd25519Public, {}, kEd25519EmptySignature),
            Verdict::unsupported);
}

TEST(Verdicts, EachHasItsOwnDescription) {
  std::set<std::string> texts;
  for (const Verdict verdict : {Verdict::valid, Verdict::invalid, Verdict::bad_key,
                                Verdict::bad_size, Verdict::unsupported}) {
    texts.insert(crypto::describe(verdict));
  }
  EXPECT_EQ(texts.size(), 5u);
}

TEST(KeyId, IsTheStartOfTheKeysSha256) {
  HostCrypto crypto;
  std::array<uint8_t, crypto::kKeyIdSize> kid{};
  ASSERT_TRUE(crypto::key_id(crypto, kP256Public, kid).ok());
  EXPECT_EQ(to_hex(kid), sha256_hex({kP256Public}).substr(0, 2 * crypto::kKeyIdSize));
}

class FailingCrypto final : public crypto::Crypto {
 public:
  Status sha256(std::span<const Bytes>, std::span<uint8_t, crypto::kSha256Size>) override {
    return {StatusCode::internal, "no hash today"};
  }
  Verdict verify(Algorithm, Bytes, Bytes, Bytes) override { return Verdict::unsupported; }
};

TEST(KeyId, PassesOnAHashFailure) {
  FailingCrypto crypto;
  std::array<uint8_t, crypto::kKeyIdSize> kid{};
  const Status status = crypto::key_id(crypto, kP256Public, kid);
  EXPECT_EQ(status.code(), StatusCode::internal);
}

}  // namespace
}  // namespace tc::test
