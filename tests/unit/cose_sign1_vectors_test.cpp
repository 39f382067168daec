// The cose-wg Examples for COSE_Sign1 (../shared/vectors/cose: sign1-tests, ecdsa-examples,
// eddsa-examples) through suit::parse_sign1 and suit::verify_sign1. Each case gives its key as a
// JWK (x, y base64url for EC2; x_hex for OKP), its external AAD, the expected output CBOR and a
// `fail` flag. Cases whose curve or algorithm this build does not implement (P-384, P-521,
// Ed448, ES512) must not verify and are counted apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "suit_test_support.hpp"

namespace tc::suit_test {
namespace {

using Json = nlohmann::json;

std::vector<uint8_t> base64url(const std::string& text) {
  std::vector<uint8_t> out;
  uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) throw std::invalid_argument("not base64url: " + text);
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<uint8_t>((bits >> count) & 0xff));
    }
  }
  return out;
}

struct Key {
  bool supported = false;
  crypto::Algorithm alg = crypto::Algorithm::es256;
  std::vector<uint8_t> raw;
};

// The public key of a JWK, when it is one this build verifies with.
Key key_of(const Json& jwk) {
  const std::string kty = jwk.at("kty");
  const std::string crv = jwk.at("crv");
  Key key;
  if (kty == "EC" && crv == "P-256") {
    key = {true, crypto::Algorithm::es256, {0x04}};
    for (const char* coordinate : {"x", "y"}) {
      const std::vector<uint8_t> c = base64url(jwk.at(coordinate));
      key.raw.insert(key.raw.end(), c.begin(), c.end());
    }
  } else if (kty == "OKP" && crv == "Ed25519") {
    key = {true, crypto::Algorithm::eddsa, from_hex(jwk.at("x_hex"))};
  }
  return key;
}

bool supported_algorithm(const std::string& alg) {
  return alg == "ES256" || alg == "EdDSA";
}

std::string upper_to_lower(std::string hex) {
  for (char& c : hex)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return hex;
}

// Records what verify() was asked to check, and answers with the real crypto port.
class RecordingCrypto final : public HostCryptoWrapper {
 public:
  crypto::Verdict verify(crypto::Algorithm alg, crypto::Bytes public_key, crypto::Bytes message,
                         crypto::Bytes signature) override {
    message_.assign(message.begin(), message.end());
    return host().verify(alg, public_key, message, signature);
  }
  const std::vector<uint8_t>& message() const { return message_; }

 private:
  std::vector<uint8_t> message_;
};

struct Counts {
  int passed = 0;             // expected to verify, and did
  int failed = 0;             // expected to fail, and did
  int unsupported = 0;        // an algorithm or curve this build lacks: must not verify
  int skipped_not_sign1 = 0;  // no sign0 input: not a COSE_Sign1 case
};

void run_case(const std::filesystem::path& path, Counts& counts) {
  SCOPED_TRACE(path.filename().string());
  std::ifstream in(path);
  const Json test = Json::parse(in);
  const Json& input = test.at("input");
  if (!input.contains("sign0")) {
    ++counts.skipped_not_sign1;
    return;
  }
  const Json& sign0 = input.at("sign0");
  const bool expect_fail = test.value("fail", false);
  const Key key = key_of(sign0.at("key"));
  const std::vector<uint8_t> encoded = from_hex(test.at("output").at("cbor"));
  const std::vector<uint8_t> aad =
      sign0.contains("external") ? from_hex(sign0.at("external")) : std::vector<uint8_t>{};

  suit::Sign1 sign1;
  const suit::Report parsed = suit::parse_sign1(encoded, sign1);
  RecordingCrypto crypto;
  const bool verified =
      parsed.ok() && key.supported &&
      suit::verify_sign1(crypto, sign1, key.alg, key.raw, {}, aad) == crypto::Verdict::valid;

  if (!key.supported || !supported_algorithm(sign0.at("alg"))) {
    EXPECT_FALSE(verified);
    ++counts.unsupported;
    return;
  }
  EXPECT_EQ(verified, !expect_fail) << "parse: " << suit::token(parsed.error);
  if (expect_fail) {
    ++counts.failed;
    return;
  }
  // A case that verifies signed exactly the Sig_structure the vector lists.
  const std::string to_be_signed = test.at("intermediates").at("ToBeSign_hex");
  EXPECT_EQ(crypto.message(), from_hex(upper_to_lower(to_be_signed)));
  ++counts.passed;
}

TEST(CoseSign1Vectors, ExpectedVerdicts) {
  Counts counts;
  for (const char* dir : {"sign1-tests", "ecdsa-examples", "eddsa-examples"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(vector_path("cose/") + dir))
      files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
      run_case(file, counts);
  }
  // sign-pass-01..03, ecdsa-sig-01, eddsa-sig-01 verify; sign-fail-01..04, 06, 07 do not.
  EXPECT_EQ(counts.passed, 5);
  EXPECT_EQ(counts.failed, 6);
  // ecdsa-sig-02 (P-384), ecdsa-sig-03 (P-521), ecdsa-sig-04 (ES512 on P-256), eddsa-sig-02
  // (Ed448).
  EXPECT_EQ(counts.unsupported, 4);
  EXPECT_EQ(counts.skipped_not_sign1, 0);
  RecordProperty("verified", counts.passed);
  RecordProperty("refused", counts.failed);
  RecordProperty("unsupported", counts.unsupported);
}

// Why each failing case fails, so that a refusal for the wrong reason shows.
TEST(CoseSign1Vectors, FailingCasesFailForTheirReason) {
  const auto parse = [](const std::string& name, suit::Sign1& out) {
    std::ifstream in(vector_path("cose/sign1-tests/" + name + ".json"));
    const Json test = Json::parse(in);
    return suit::parse_sign1(from_hex(test.at("output").at("cbor")), out);
  };
  suit::Sign1 s;
  EXPECT_EQ(parse("sign-fail-01", s).error, suit::Error::malformed);  // tag 998
  EXPECT_EQ(parse("sign-fail-03", s).error, suit::Error::ok);         // alg -999 parses...
  EXPECT_EQ(s.algorithm, -999);
  crypto::HostCrypto crypto;
  EXPECT_EQ(suit::verify_sign1(crypto, s, crypto::Algorithm::es256, {}, {}),
            crypto::Verdict::unsupported);                              // ...and no key verifies it
  EXPECT_EQ(parse("sign-fail-04", s).error, suit::Error::unsupported);  // alg "unknown"
  EXPECT_EQ(parse("sign-pass-01", s).error, suit::Error::ok);  // alg in the unprotected bucket
  EXPECT_EQ(s.algorithm, -7);
  EXPECT_EQ(s.kid.size(), 2U);
  EXPECT_TRUE(s.tagged);
  EXPECT_EQ(parse("sign-pass-03", s).error, suit::Error::ok);  // untagged
  EXPECT_FALSE(s.tagged);
}

}  // namespace
}  // namespace tc::suit_test
