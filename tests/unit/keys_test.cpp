// The host key tooling (cli/keys): generated keys sign what HostCrypto verifies, PEM round trips,
// the shared vectors' key files, known answers (RFC 8032 test 1, RFC 6979 A.2.5), kid.
#include <gtest/gtest.h>
#include <mbedtls/base64.h>
#include <mbedtls/sha256.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "crypto_test_support.hpp"
#include "host_crypto.hpp"
#include "keys/keys.hpp"

namespace tc::crypto {
// Names the parameterised tests' algorithm in gtest and ctest output.
void PrintTo(Algorithm alg, std::ostream* out) {
  *out << keys::algorithm_name(alg);
}
}  // namespace tc::crypto

namespace tc::test {
namespace {

using crypto::Algorithm;
using crypto::Verdict;
using keys::PrivateKey;
using keys::PublicKey;

std::vector<uint8_t> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

// PEM armor written here independently of cli/keys, for keys the tests build from known bytes.
std::string pem(const std::string& label, const std::vector<uint8_t>& der) {
  std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
  std::size_t size = 0;
  mbedtls_base64_encode(reinterpret_cast<unsigned char*>(base64.data()), base64.size(), &size,
                        der.data(), der.size());
  base64.resize(size);
  return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
}

Verdict verify(const PublicKey& key, const std::vector<uint8_t>& message,
               std::span<const uint8_t> signature) {
  crypto::HostCrypto crypto;
  return crypto.verify(key.alg, key.raw, message, signature);
}

class KeysPerAlgorithm : public ::testing::TestWithParam<Algorithm> {};

INSTANTIATE_TEST_SUITE_P(Keys, KeysPerAlgorithm,
                         ::testing::Values(Algorithm::es256, Algorithm::eddsa),
                         [](const auto& test) { return keys::algorithm_name(test.param); });

TEST_P(KeysPerAlgorithm, GeneratedKeySignsWhatTheCryptoPortVerifies) {
  const PrivateKey key = PrivateKey::generate(GetParam());
  const PublicKey public_key = key.public_key();
  EXPECT_EQ(key.alg(), GetParam());
  EXPECT_EQ(public_key.raw.size(), GetParam() == Algorithm::es256 ? crypto::kP256PublicKeySize
                                                                  : crypto::kEd25519PublicKeySize);
  const std::vector<uint8_t> message = bytes_of("a SUIT digest, say");
  const auto signature = key.sign(message);
  EXPECT_EQ(verify(public_key, message, signature), Verdict::valid);
  EXPECT_EQ(verify(public_key, bytes_of("another message"), signature), Verdict::invalid);
  EXPECT_EQ(verify(PrivateKey::generate(GetParam()).public_key(), message, signature),
            Verdict::invalid);
}

TEST_P(KeysPerAlgorithm, GeneratedKeysDiffer) {
  EXPECT_NE(PrivateKey::generate(GetParam()).public_key().raw,
            PrivateKey::generate(GetParam()).public_key().raw);
}

TEST_P(KeysPerAlgorithm, PemRoundTrips) {
  const PrivateKey key = PrivateKey::generate(GetParam());
  const PrivateKey reloaded = PrivateKey::from_pem(key.pem());
  EXPECT_EQ(reloaded.alg(), GetParam());
  EXPECT_EQ(reloaded.public_key().raw, key.public_key().raw);
  EXPECT_EQ(reloaded.pem(), key.pem());
  const std::vector<uint8_t> message = bytes_of("m");
  EXPECT_EQ(reloaded.sign(message), key.sign(message));  // both algorithms are deterministic

  const PublicKey public_key = keys::public_key_from_pem(key.public_key().pem());
  EXPECT_EQ(public_key.alg, GetParam());
  EXPECT_EQ(public_key.raw, key.public_key().raw);
}

TEST_P(KeysPerAlgorithm, SigningIsDeterministic) {
  const PrivateKey key = PrivateKey::generate(GetParam());
  const std::vector<uint8_t> message = bytes_of("same message");
  EXPECT_EQ(key.sign(message), key.sign(message));
  EXPECT_NE(key.sign(message), key.sign(bytes_of("other message")));
}

TEST_P(KeysPerAlgorithm, MovedKeyKeepsWorking) {
  PrivateKey key = PrivateKey::generate(GetParam());
  const PublicKey public_key = key.public_key();
  PrivateKey moved = std::move(key);
  PrivateKey assigned = PrivateKey::generate(GetParam());
  assigned = std::move(moved);
  const std::vector<uint8_t> message = bytes_of("m");
  EXPECT_EQ(verify(public_key, message, assigned.sign(message)), Verdict::valid);
}

TEST_P(KeysPerAlgorithm, KidIsTheStartOfTheRawKeysSha256) {
  const PublicKey public_key = PrivateKey::generate(GetParam()).public_key();
  uint8_t digest[crypto::kSha256Size];
  ASSERT_EQ(mbedtls_sha256_ret(public_key.raw.data(), public_key.raw.size(), digest, 0), 0);
  const auto kid = public_key.kid();
  EXPECT_TRUE(std::equal(kid.begin(), kid.end(), digest));
}

TEST(Keys, SuitDraftKeyFiles) {
  const PrivateKey key =
      PrivateKey::load(vector_path("suit/draft-ietf-suit-manifest/private_key.pem"));
  const PublicKey public_key =
      keys::load_public_key(vector_path("suit/draft-ietf-suit-manifest/public_key.pem"));
  EXPECT_EQ(key.alg(), Algorithm::es256);
  EXPECT_EQ(public_key.alg, Algorithm::es256);
  EXPECT_EQ(key.public_key().raw, public_key.raw);
  // key_p256_raw.txt
  EXPECT_EQ(to_hex(public_key.raw),
            "048496811aae0baaabd26157189eecda26beaa8bf11b6f3fe6e2b5659c85dbc0ad"
            "3b1f2a4b6c098131c0a36dacd1d78bd381dcdfb09c052db33991db7338b4a896");
  const std::vector<uint8_t> message = bytes_of("m");
  EXPECT_EQ(verify(public_key, message, key.sign(message)), Verdict::valid);
}

TEST(Keys, Rfc8032Test1PublicKeyFile) {
  const PublicKey public_key =
      keys::load_public_key(vector_path("suit/derived-eddsa/ed25519_rfc8032_test1_public.pem"));
  EXPECT_EQ(public_key.alg, Algorithm::eddsa);
  EXPECT_EQ(public_key.raw, read_hex_file("suit/derived-eddsa/ed25519_rfc8032_test1_public.hex"));
}

TEST(Keys, Rfc8032Test1Signature) {
  std::vector<uint8_t> der = from_hex("302e020100300506032b657004220420");
  const std::vector<uint8_t> seed =
      read_hex_file("suit/derived-eddsa/ed25519_rfc8032_test1_private_seed.hex");
  der.insert(der.end(), seed.begin(), seed.end());
  const PrivateKey key = PrivateKey::from_pem(pem("PRIVATE KEY", der));
  EXPECT_EQ(key.public_key().raw,
            read_hex_file("suit/derived-eddsa/ed25519_rfc8032_test1_public.hex"));
  EXPECT_EQ(to_hex(key.sign({})),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

// RFC 6979 A.2.5: P-256 with SHA-256, the deterministic nonce's r and s.
TEST(Keys, Rfc6979P256Sha256) {
  const PrivateKey key = PrivateKey::from_pem(pem(
      "EC PRIVATE KEY", from_hex("30310201010420"
                                 "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721"
                                 "a00a06082a8648ce3d030107")));
  EXPECT_EQ(to_hex(key.public_key().raw),
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
            "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  EXPECT_EQ(to_hex(key.sign(bytes_of("sample"))),
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
  EXPECT_EQ(to_hex(key.sign(bytes_of("test"))),
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
            "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083");
}

TEST(Keys, AlgorithmNames) {
  EXPECT_EQ(keys::parse_algorithm("es256"), Algorithm::es256);
  EXPECT_EQ(keys::parse_algorithm("EdDSA"), Algorithm::eddsa);
  EXPECT_STREQ(keys::algorithm_name(Algorithm::es256), "es256");
  EXPECT_STREQ(keys::algorithm_name(Algorithm::eddsa), "eddsa");
  EXPECT_THROW((void)keys::parse_algorithm("rs256"), keys::KeyError);
}

}  // namespace
}  // namespace tc::test
