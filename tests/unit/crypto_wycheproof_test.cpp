// Every case of the Wycheproof files in ../shared/vectors/crypto through HostCrypto::verify:
// "valid" must verify, "invalid" must not; "acceptable" cases (none in these files today) may go
// either way and are counted. Each file's case count is asserted, so a harness that reads nothing
// cannot pass. The summaries printed here are what docs/crypto.md reports.
#include <gtest/gtest.h>
#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "crypto_test_support.hpp"
#include "host_crypto.hpp"
#include "mbed_handle.hpp"

namespace tc::test {
namespace {

using crypto::Algorithm;
using crypto::Verdict;
using nlohmann::json;

// What the port sees of a case's signature; nullopt when the file's encoding cannot be turned
// into the port's (which is a rejection).
using SignatureDecoder = std::optional<std::vector<uint8_t>> (*)(const std::vector<uint8_t>&);

struct Suite {
  const char* file;
  Algorithm alg;
  const char* key_field;  // in the group's "publicKey"
  SignatureDecoder decode;
  int expected_cases;
};

struct Outcome {
  int cases = 0;
  int accepted = 0;
};

struct Tally {
  std::map<std::string, Outcome> by_result;    // "valid", "invalid", "acceptable"
  std::map<std::string, int> refusal_reasons;  // describe(verdict), or the decoder's refusal
  [[nodiscard]] int total() const {
    int sum = 0;
    for (const auto& [result, outcome] : by_result)
      sum += outcome.cases;
    return sum;
  }
};

std::optional<std::vector<uint8_t>> as_is(const std::vector<uint8_t>& signature) {
  return signature;
}

// Ecdsa-Sig-Value (RFC 3279) in strict DER -> raw r || s. Parsed with mbedTLS's ASN.1 reader,
// then re-encoded: BER leniencies (long lengths, padded or negative integers) do not survive the
// comparison, so only the one canonical encoding of (r, s) is accepted.
std::optional<std::vector<uint8_t>> der_to_raw(const std::vector<uint8_t>& der) {
  std::vector<uint8_t> input = der;
  unsigned char* p = input.data();
  const unsigned char* end = p + input.size();
  std::size_t length = 0;
  crypto::mbed::Mpi r;
  crypto::mbed::Mpi s;
  if (mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) !=
          0 ||
      p + length != end || mbedtls_asn1_get_mpi(&p, end, r.get()) != 0 ||
      mbedtls_asn1_get_mpi(&p, end, s.get()) != 0 || p != end) {
    return std::nullopt;
  }
  std::vector<uint8_t> canonical(der.size() + 16);
  unsigned char* start = canonical.data();
  unsigned char* cursor = start + canonical.size();  // mbedTLS writes backwards
  int written = 0;
  for (const int step : {mbedtls_asn1_write_mpi(&cursor, start, s.get()),
                         mbedtls_asn1_write_mpi(&cursor, start, r.get())}) {
    if (step < 0) return std::nullopt;
    written += step;
  }
  const int len = mbedtls_asn1_write_len(&cursor, start, static_cast<std::size_t>(written));
  const int tag =
      mbedtls_asn1_write_tag(&cursor, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
  if (len < 0 || tag < 0 || !std::equal(der.begin(), der.end(), cursor, start + canonical.size())) {
    return std::nullopt;
  }
  std::vector<uint8_t> raw(crypto::kSignatureSize);
  const std::size_t half = raw.size() / 2;
  if (mbedtls_mpi_write_binary(r.get(), raw.data(), half) != 0 ||
      mbedtls_mpi_write_binary(s.get(), raw.data() + half, half) != 0) {
    return std::nullopt;  // wider than 256 bits: not a P-256 scalar
  }
  return raw;
}

// The port's verdict on a case, as a refusal reason ("" when accepted).
std::string refusal(const Suite& suite, const std::vector<uint8_t>& key, const json& test) {
  const std::optional<std::vector<uint8_t>> signature =
      suite.decode(from_hex(test.at("sig").get<std::string>()));
  if (!signature) return "not strict DER (harness)";
  crypto::HostCrypto crypto;
  const Verdict verdict = crypto.verify(suite.alg, key, from_hex(test.at("msg")), *signature);
  return verdict == Verdict::valid ? "" : crypto::describe(verdict);
}

void run_case(const Suite& suite, const std::vector<uint8_t>& key, const json& test, Tally& tally) {
  const std::string result = test.at("result");
  const std::string reason = refusal(suite, key, test);
  const bool accepted = reason.empty();
  Outcome& outcome = tally.by_result[result];
  ++outcome.cases;
  outcome.accepted += accepted ? 1 : 0;
  if (!accepted) ++tally.refusal_reasons[reason];
  const std::string label = std::string(suite.file) + " tcId " +
                            std::to_string(test.at("tcId").get<int>()) + " (" +
                            test.at("comment").get<std::string>() + ")";
  if (result == "valid") {
    EXPECT_TRUE(accepted) << label << ": valid case refused: " << reason;
  } else if (result == "invalid") {
    EXPECT_FALSE(accepted) << label << ": invalid case accepted";
  } else {
    EXPECT_EQ(result, "acceptable") << label;
    std::cout << label << ": acceptable, " << (accepted ? "accepted" : reason) << "\n";
  }
}

std::string summary(const Suite& suite, const Tally& tally) {
  std::ostringstream out;
  out << suite.file << ": " << tally.total() << " cases;";
  for (const auto& [result, outcome] : tally.by_result) {
    out << " " << result << " " << outcome.cases << " (accepted " << outcome.accepted << ");";
  }
  out << " refusals:";
  for (const auto& [reason, count] : tally.refusal_reasons)
    out << " [" << reason << "] " << count;
  return out.str();
}

void run_suite(const Suite& suite) {
  const json root = json::parse(read_text(vector_path(std::string("crypto/") + suite.file)));
  Tally tally;
  for (const json& group : root.at("testGroups")) {
    const std::vector<uint8_t> key =
        from_hex(group.at("publicKey").at(suite.key_field).get<std::string>());
    for (const json& test : group.at("tests"))
      run_case(suite, key, test, tally);
  }
  std::cout << "[wycheproof] " << summary(suite, tally) << "\n";
  ::testing::Test::RecordProperty("summary", summary(suite, tally));
  EXPECT_EQ(tally.total(), root.at("numberOfTests").get<int>());
  EXPECT_EQ(tally.total(), suite.expected_cases);
}

TEST(Wycheproof, EcdsaP256Sha256P1363) {
  run_suite(
      {"ecdsa_secp256r1_sha256_p1363_test.json", Algorithm::es256, "uncompressed", as_is, 262});
}

TEST(Wycheproof, EcdsaP256Sha256Der) {
  run_suite(
      {"ecdsa_secp256r1_sha256_test.json", Algorithm::es256, "uncompressed", der_to_raw, 484});
}

TEST(Wycheproof, Ed25519) {
  run_suite({"ed25519_test.json", Algorithm::eddsa, "pk", as_is, 151});
}

// The DER harness itself must not be what makes invalid cases fail: a canonical signature
// survives it unchanged.
TEST(Wycheproof, DerHarnessKeepsCanonicalSignatures) {
  const std::vector<uint8_t> der = from_hex(
      "3045022100b292a619339f6e567a305c951c0dcbcc42d16e47f219f9e98e76e09d8770b34a02200177e60492c5"
      "a8242f76f07bfe3661bde59ec2a17ce5bd2dab2abebdf89a62e2");
  const auto raw = der_to_raw(der);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(to_hex(*raw),
            "b292a619339f6e567a305c951c0dcbcc42d16e47f219f9e98e76e09d8770b34a"
            "0177e60492c5a8242f76f07bfe3661bde59ec2a17ce5bd2dab2abebdf89a62e2");
  std::vector<uint8_t> long_length = der;  // the same value with a BER long-form length
  long_length.insert(long_length.begin() + 1, 0x81);
  EXPECT_FALSE(der_to_raw(long_length).has_value());
}

}  // namespace
}  // namespace tc::test
