// The assembler's own rules beyond the suite's files: labels, ranges, error lines.
#include <gtest/gtest.h>

#include "asm/assembler.hpp"
#include "ebpf/hex.hpp"

namespace tc::ebpf_asm {
namespace {

std::string hex_of(std::string_view source) {
  const AssembleResult result = assemble(source);
  return result.ok() ? ebpf_host::format_hex_bytes(result.bytes)
                     : "error: " + result.error->to_string();
}

std::string error_of(std::string_view source) {
  const AssembleResult result = assemble(source);
  return result.ok() ? "assembled" : result.error->to_string();
}

TEST(Assembler, BackwardAndForwardLabels) {
  EXPECT_EQ(hex_of("top: add %r0, 1\n jne %r0, 3, top\n ja end\n end: exit\n"),
            "0700000001000000"
            "5500feff03000000"
            "0500000000000000"
            "9500000000000000");
}

TEST(Assembler, ImmediateRanges) {
  EXPECT_EQ(hex_of("mov32 %r0, 0xffffffff"), "b4000000ffffffff");
  EXPECT_EQ(hex_of("mov32 %r0, -2147483648"), "b400000000000080");
  EXPECT_EQ(error_of("mov32 %r0, -2147483649"),
            "line 1: immediate '-2147483649' is out of range for 32 bits");
  EXPECT_EQ(hex_of("lddw %r1, -1"), "18010000ffffffff00000000ffffffff");
  EXPECT_EQ(error_of("stw [%r1+32768], 1"), "line 1: offset '+32768' is out of range for 16 bits");
}

TEST(Assembler, ReportsTheLineOfTheError) {
  EXPECT_EQ(error_of("mov %r0, 1\n\n# comment\nmov %r0, %r11\nexit"),
            "line 4: bad register '%r11' (registers are %r0..%r10)");
  EXPECT_EQ(error_of("x:\nx:\nexit"), "line 2: duplicate label 'x' (first defined on line 1)");
  EXPECT_EQ(error_of("mov %r0 1 2"), "line 1: missing ',' between operands in '%r0 1 2'");
  EXPECT_EQ(error_of("mov %r0,, 1"), "line 1: empty operand");
  EXPECT_EQ(error_of("neg %r0, 1"), "line 1: 'neg' expects 1 operand, got 2");
  EXPECT_EQ(error_of("lock fetch nand [%r1], %r2"), "line 1: unknown atomic operation 'nand'");
  EXPECT_EQ(error_of("mov %r0, 12z"), "line 1: malformed number '12z'");
}

TEST(Assembler, CallForms) {
  EXPECT_EQ(hex_of("call 5"), "8500000005000000");
  EXPECT_EQ(hex_of("call local f\nexit\nf: exit"),
            "8510000001000000"
            "9500000000000000"
            "9500000000000000");
  EXPECT_EQ(hex_of("call %r2"), "8d02000000000000");
  EXPECT_EQ(hex_of("gotol +0x10000"), "0600000000000100");
}

TEST(Assembler, EmptySourceGivesNoBytes) {
  const AssembleResult result = assemble("# nothing\n\n");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.bytes.empty());
}

}  // namespace
}  // namespace tc::ebpf_asm
