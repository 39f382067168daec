// (b) The assembler against the suite: every tests/*.data "-- asm" section must assemble to the
// bytes tests_assembled.json holds for it, byte for byte; the negative files that are syntax
// errors must be rejected with a clear message.
#include <gtest/gtest.h>

#include <map>

#include "asm/assembler.hpp"
#include "asm/data_file.hpp"
#include "conformance_vectors.hpp"
#include "ebpf/hex.hpp"

namespace tc::conformance {
namespace {

const Vector* find_vector(const std::string& name) {
  for (const Vector& v : assembled_vectors()) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::string param_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  return test_name(info.param.filename().string());
}

class AssembleVector : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(AssembleVector, MatchesAssembledJson) {
  const ebpf_asm::DataFile file = ebpf_asm::parse_data_file(read_text(GetParam()));
  const Vector* vector = find_vector(GetParam().filename().string());
  ASSERT_NE(vector, nullptr) << "not in tests_assembled.json";
  ASSERT_TRUE(file.has("asm"));
  const ebpf_asm::AssembleResult result = ebpf_asm::assemble(file.section("asm"));
  ASSERT_TRUE(result.ok()) << result.error->to_string();
  EXPECT_EQ(ebpf_host::format_hex_bytes(result.bytes),
            ebpf_host::format_hex_bytes(vector->program));
  if (file.has("raw")) {  // the few files that also spell the program as raw words must agree
    const auto raw = ebpf_asm::raw_words_to_bytes(file.section("raw"));
    ASSERT_TRUE(raw.has_value());
    EXPECT_EQ(ebpf_host::format_hex_bytes(*raw), ebpf_host::format_hex_bytes(result.bytes));
  }
}

INSTANTIATE_TEST_SUITE_P(Bpf, AssembleVector, ::testing::ValuesIn(data_files("tests")), param_name);

TEST(AssembleVector, CoversEveryJsonEntry) {
  EXPECT_EQ(data_files("tests").size(), assembled_vectors().size());
}

// negative/*.data that are syntax errors, with a fragment of the message each must produce.
const std::map<std::string, std::string>& syntax_errors() {
  static const std::map<std::string, std::string> cases = {
      {"invalid_imm32_dec_range.data", "line 2: immediate '2147483648' is out of range"},
      {"invalid_imm32_hex_range.data", "line 2: immediate '0x100000000' is out of range"},
      {"invalid_label.data", "line 1: unknown label 'NOT_A_LABEL'"},
      {"invalid_lock.data", "line 1: 'lock' expects 2 operands, got 1"},
      {"invalid_lock2.data", "line 1: 'lock' expects [fetch] OP"},
      {"invalid_mnemonic.data", "line 2: unknown mnemonic 'ldxq'"},
      {"invalid_offset.data", "line 1: expected a memory operand"},
      {"invalid_offset_range.data", "line 2: offset '+0x10000' is out of range"},
      {"invalid_operand_count.data", "line 1: 'lddw' expects 2 operands, got 1"},
      {"invalid_register.data", "line 1: bad register '%r50'"},
  };
  return cases;
}

class AssembleSyntaxError : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(AssembleSyntaxError, IsRejected) {
  const ebpf_asm::DataFile file = ebpf_asm::parse_data_file(read_text(GetParam()));
  const ebpf_asm::AssembleResult result = ebpf_asm::assemble(file.section("asm"));
  const auto expected = syntax_errors().find(GetParam().filename().string());
  if (expected == syntax_errors().end()) {
    // Not a syntax case (error.data, incorrect_return_value_high_bits.data, ...): it assembles.
    EXPECT_TRUE(result.ok()) << result.error->to_string();
    return;
  }
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->to_string().find(expected->second), std::string::npos)
      << result.error->to_string();
}

std::vector<std::filesystem::path> negative_asm_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& path : data_files("negative")) {
    if (!path.filename().string().starts_with("unused-")) out.push_back(path);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Bpf, AssembleSyntaxError, ::testing::ValuesIn(negative_asm_files()),
                         param_name);

TEST(AssembleSyntaxError, EverySyntaxCaseExists) {
  for (const auto& [name, message] : syntax_errors())
    EXPECT_TRUE(std::filesystem::exists(vectors_dir() / "negative" / name)) << name;
}

}  // namespace
}  // namespace tc::conformance
