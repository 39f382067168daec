// (c) The suite's negative cases (negative/*.data). They test a harness: each must fail through
// ours, by assembler rejection, verifier rejection or a different result.
//
// Excluded: negative/unused-*.data. Their "-- raw" sections write one byte per token, while the
// suite reads one 64-bit word per token, so as written each "instruction" is a lone byte and the
// files do not test the unused-field rules their names describe (vectors README). Instead,
// UnusedFields decodes them as intended (tokens as bytes) and checks that our verifier rejects
// every one: that is what their authors meant to test.
//
// negative/incorrect_return_value_high_bits.data is kept: its expected r0 is wrong on purpose in
// the high bits only, so it checks that the harness compares all 64 bits. It must not pass, and
// our r0 must be the true value.
#include <gtest/gtest.h>

#include "asm/data_file.hpp"
#include "conformance_vectors.hpp"
#include "ebpf/hex.hpp"
#include "ebpf/plugin.hpp"
#include "negative_harness.hpp"

namespace tc::conformance {
namespace {

bool is_unused_field_case(const std::filesystem::path& path) {
  return path.filename().string().starts_with("unused-");
}

std::vector<std::filesystem::path> negative_files(bool unused_field_cases) {
  std::vector<std::filesystem::path> out;
  for (const auto& path : data_files("negative")) {
    if (is_unused_field_case(path) == unused_field_cases) out.push_back(path);
  }
  return out;
}

std::string param_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  return test_name(info.param.filename().string());
}

class Negative : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(Negative, DoesNotPassThroughTheHarness) {
  const ebpf_asm::DataFile file = ebpf_asm::parse_data_file(read_text(GetParam()));
  const Verdict verdict = judge(file);
  EXPECT_FALSE(verdict.passed) << verdict.why;
  RecordProperty("why", verdict.why);
  std::printf("  %s: %s\n", GetParam().filename().c_str(), verdict.why.c_str());
}

INSTANTIATE_TEST_SUITE_P(Bpf, Negative, ::testing::ValuesIn(negative_files(false)), param_name);

class UnusedFields : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(UnusedFields, VerifierRejectsTheIntendedBytes) {
  const ebpf_asm::DataFile file = ebpf_asm::parse_data_file(read_text(GetParam()));
  const auto bytes = ebpf_host::parse_hex_bytes(file.section("raw"));
  ASSERT_TRUE(bytes.has_value());
  ASSERT_EQ(bytes->size(), 16u) << "expected two instructions written byte by byte";
  const ebpf_host::PluginOutcome outcome = ebpf_host::run_plugin(*bytes, {});
  EXPECT_EQ(outcome.kind, ebpf_host::PluginOutcome::Kind::rejected)
      << (outcome.ok() ? "ran, r0 = 0x" + ebpf_host::format_hex_u64(outcome.r0) : outcome.error);
}

INSTANTIATE_TEST_SUITE_P(Bpf, UnusedFields, ::testing::ValuesIn(negative_files(true)), param_name);

TEST(NegativeHighBits, OnlyTheHighBitsDiffer) {
  const auto path = vectors_dir() / "negative" / "incorrect_return_value_high_bits.data";
  const ebpf_asm::DataFile file = ebpf_asm::parse_data_file(read_text(path));
  const Verdict verdict = judge(file);
  EXPECT_FALSE(verdict.passed);
  EXPECT_NE(verdict.why.find("r0 = 0x8877665544332211"), std::string::npos) << verdict.why;
}

}  // namespace
}  // namespace tc::conformance
