// Every rejection reason of the verifier, with the instruction index it reports, and the
// acceptance of well-formed programs that exercise each instruction class.
#include <gtest/gtest.h>

#include <cstring>

#include "program.hpp"

namespace tc::test {
namespace {

using vm::VerifyReason;

vm::HelperResult identity(vm::Machine&, void*, const uint64_t (&args)[5]) {
  return vm::HelperResult::Value(args[0]);
}

class VerifierTest : public ::testing::Test {
 protected:
  VerifierTest() { EXPECT_TRUE(helpers_.add(5, identity).ok()); }

  vm::VerifyError verify(const Bytecode& code) {
    vm::Program program;
    return vm::verify(code.bytes(), helpers_, program);
  }

  void expect_rejected(const Bytecode& code, VerifyReason reason, uint32_t insn) {
    const vm::VerifyError error = verify(code);
    EXPECT_EQ(error.reason, reason) << message(error);
    EXPECT_EQ(error.insn, insn) << message(error);
  }

  vm::HelperTable helpers_;
};

TEST_F(VerifierTest, AcceptsMinimalProgram) {
  EXPECT_TRUE(verify({mov(0, 1), exit_insn()}).ok());
}

TEST_F(VerifierTest, RejectsEmptyProgram) {
  expect_rejected({}, VerifyReason::empty_program, 0);
}

TEST_F(VerifierTest, RejectsSizeNotMultipleOfEight) {
  alignas(8) const uint8_t bytes[12] = {0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0};
  vm::Program program;
  const vm::VerifyError error = vm::verify(bytes, helpers_, program);
  EXPECT_EQ(error.reason, VerifyReason::size_not_multiple_of_8);
  EXPECT_EQ(program.size(), 0u);
}

TEST_F(VerifierTest, RejectsTooManyInstructions) {
  Bytecode code;
  for (uint32_t i = 0; i < vm::kMaxProgramInsns; ++i)
    code.push(mov(0, 0));
  code.push(exit_insn());
  expect_rejected(code, VerifyReason::program_too_large, vm::kMaxProgramInsns);
}

TEST_F(VerifierTest, RejectsMisalignedBytes) {
  const Bytecode code{mov(0, 1), exit_insn()};
  alignas(8) uint8_t shifted[17] = {};
  std::memcpy(shifted + 1, code.bytes().data(), 16);
  vm::Program program;
  EXPECT_EQ(vm::verify({shifted + 1, 16}, helpers_, program).reason, VerifyReason::misaligned_code);
}

TEST_F(VerifierTest, RejectsUnknownOpcodes) {
  // 0xe7/0xf7: unused ALU64 operations; 0x8e: call in JMP32; 0x00: class LD with size W.
  for (const uint8_t opcode : {0xe7, 0xf7, 0x8e, 0x9e, 0x00, 0x20, 0xdf, 0x99, 0xff}) {
    expect_rejected({mov(0, 0), insn(opcode, 0, 0, 0, 0), exit_insn()},
                    VerifyReason::unknown_opcode, 1);
  }
}

TEST_F(VerifierTest, RejectsRegistersAboveTen) {
  expect_rejected({insn(0xb7, 11, 0, 0, 0), exit_insn()}, VerifyReason::bad_register, 0);
  expect_rejected({insn(0xbf, 0, 12, 0, 0), exit_insn()}, VerifyReason::bad_register, 0);
}

TEST_F(VerifierTest, RejectsWritesToFramePointer) {
  expect_rejected({mov(10, 0), exit_insn()}, VerifyReason::write_to_frame_pointer, 0);
  expect_rejected({mov(0, 0), ldx(ebpf::kSizeDW, 10, 1, 0), exit_insn()},
                  VerifyReason::write_to_frame_pointer, 1);
  Bytecode wide;
  wide.push(lddw(10, 1)).push(exit_insn());
  expect_rejected(wide, VerifyReason::write_to_frame_pointer, 0);
  // An atomic fetch writes the old value back into its source register.
  expect_rejected({insn(0xdb, 1, 10, 0, ebpf::kAluAdd | ebpf::kAtomicFetch), exit_insn()},
                  VerifyReason::write_to_frame_pointer, 0);
}

TEST_F(VerifierTest, AllowsReadingFramePointer) {
  EXPECT_TRUE(verify({mov_reg(1, 10), add(1, -8), st(ebpf::kSizeDW, 10, -8, 1), exit_insn()}).ok());
}

TEST_F(VerifierTest, RejectsNonZeroUnusedFields) {
  const std::initializer_list<Insn> bad = {
      insn(0x07, 0, 1, 0, 1),   // add imm with a source register
      insn(0x0f, 0, 1, 0, 1),   // add reg with an immediate
      insn(0x07, 0, 0, 3, 1),   // add imm with an offset
      insn(0x87, 0, 0, 0, 1),   // neg with an immediate
      insn(0x62, 1, 2, 0, 1),   // st imm with a source register
      insn(0x63, 1, 2, 0, 1),   // stx with an immediate
      insn(0x61, 0, 1, 0, 1),   // ldx with an immediate
      insn(0x37, 0, 0, 2, 1),   // div with offset 2 (only 0 and 1 exist)
      insn(0xbf, 0, 1, 4, 0),   // movsx with an unknown width
      insn(0xbc, 0, 1, 32, 0),  // movsx32 cannot widen from 32 bits
      insn(0xd4, 0, 1, 0, 16),  // le with a source register
  };
  for (const Insn& i : bad) {
    expect_rejected({i, exit_insn()}, VerifyReason::reserved_field_not_zero, 0);
  }
  expect_rejected({mov(0, 0), insn(0x95, 0, 0, 0, 1)}, VerifyReason::reserved_field_not_zero, 1);
  expect_rejected({insn(0x05, 1, 0, 0, 0), exit_insn()}, VerifyReason::reserved_field_not_zero, 0);
  expect_rejected({insn(0x85, 1, 0, 0, 5), exit_insn()}, VerifyReason::reserved_field_not_zero, 0);
}

TEST_F(VerifierTest, RejectsBadEndianWidth) {
  expect_rejected({insn(0xdc, 0, 0, 0, 8), exit_insn()}, VerifyReason::bad_endian_width, 0);
  expect_rejected({insn(0xd7, 0, 0, 0, 24), exit_insn()}, VerifyReason::bad_endian_width, 0);
}

TEST_F(VerifierTest, AcceptsAnyShiftImmediateBecauseTheAmountIsMasked) {
  // RFC 9669 4.1 masks the shift amount (0x3f, 0x1f) for immediates as for registers; the
  // conformance vectors *-imm-high and *-imm-neg depend on it.
  EXPECT_TRUE(verify({insn(0x67, 0, 0, 0, 64), insn(0x64, 0, 0, 0, 32), insn(0xc7, 0, 0, 0, -1),
                      exit_insn()})
                  .ok());
}

TEST_F(VerifierTest, RejectsUnknownAtomicOperation) {
  expect_rejected({insn(0xdb, 1, 2, 0, 0x20), exit_insn()}, VerifyReason::bad_atomic_operation, 0);
  expect_rejected({insn(0xc3, 1, 2, 0, 0xe0), exit_insn()}, VerifyReason::bad_atomic_operation, 0);
}

TEST_F(VerifierTest, RejectsMalformedLddw) {
  expect_rejected({mov(0, 0), insn(0x18, 0, 0, 0, 1)}, VerifyReason::bad_lddw, 1);  // truncated
  expect_rejected({insn(0x18, 0, 0, 0, 1), mov(0, 0), exit_insn()}, VerifyReason::bad_lddw, 0);
  expect_rejected({insn(0x18, 0, 1, 0, 1), insn(0, 0, 0, 0, 0), exit_insn()},
                  VerifyReason::bad_lddw, 0);  // map reference
  expect_rejected({insn(0x18, 0, 0, 0, 1), insn(0, 1, 0, 0, 0), exit_insn()},
                  VerifyReason::bad_lddw, 0);
}

TEST_F(VerifierTest, RejectsJumpsOutOfRange) {
  expect_rejected({ja(1), exit_insn()}, VerifyReason::jump_out_of_range, 0);
  expect_rejected({mov(0, 0), jeq(0, 0, -3), exit_insn()}, VerifyReason::jump_out_of_range, 1);
  expect_rejected({insn(0x06, 0, 0, 0, 5), exit_insn()}, VerifyReason::jump_out_of_range, 0);
  expect_rejected({call_local(7), exit_insn()}, VerifyReason::jump_out_of_range, 0);
}

TEST_F(VerifierTest, RejectsJumpIntoLddw) {
  Bytecode code;
  code.push(ja(1)).push(lddw(0, 7)).push(exit_insn());
  expect_rejected(code, VerifyReason::jump_into_lddw, 0);
}

TEST_F(VerifierTest, RejectsHelpersNotInTable) {
  expect_rejected({call(6), exit_insn()}, VerifyReason::helper_not_allowed, 0);
  expect_rejected({call(-1), exit_insn()}, VerifyReason::helper_not_allowed, 0);
  expect_rejected({call(100000), exit_insn()}, VerifyReason::helper_not_allowed, 0);
  EXPECT_TRUE(verify({call(5), exit_insn()}).ok());
}

TEST_F(VerifierTest, RejectsUnsupportedCallForms) {
  expect_rejected({insn(0x8d, 0, 0, 0, 0), exit_insn()}, VerifyReason::unsupported_call, 0);
  expect_rejected({insn(0x85, 0, 2, 0, 5), exit_insn()}, VerifyReason::unsupported_call, 0);
}

TEST_F(VerifierTest, RejectsFallingOffTheEnd) {
  expect_rejected({mov(0, 0)}, VerifyReason::falls_off_end, 0);
  expect_rejected({mov(0, 0), jeq(0, 0, -2)}, VerifyReason::falls_off_end, 1);
  Bytecode ends_in_lddw;
  ends_in_lddw.push(mov(0, 0)).push(lddw(0, 1));
  expect_rejected(ends_in_lddw, VerifyReason::falls_off_end, 1);
  EXPECT_TRUE(verify({mov(0, 0), exit_insn(), ja(-3)}).ok());  // ends in an unconditional jump
}

TEST_F(VerifierTest, FormatsReasonWithInstructionIndex) {
  vm::Program program;
  const Bytecode code{mov(0, 0), mov(0, 0), ja(5), exit_insn()};
  EXPECT_EQ(message(vm::verify(code.bytes(), helpers_, program)),
            "insn 2: jump target out of range");
  char tiny[8];
  const vm::VerifyError error{VerifyReason::unknown_opcode, 12};
  EXPECT_STREQ(error.format(tiny), "insn 12");
}

TEST_F(VerifierTest, EveryReasonHasADescription) {
  for (int r = 0; r <= static_cast<int>(VerifyReason::falls_off_end); ++r) {
    EXPECT_STRNE(vm::describe(static_cast<VerifyReason>(r)), "unknown verifier error");
  }
}

TEST_F(VerifierTest, AcceptsEveryInstructionClass) {
  Bytecode code{
      mov(1, 1),
      insn(0x04, 1, 0, 0, 3),                        // add32
      insn(0xbf, 2, 1, 8, 0),                        // movsx8
      insn(0x3f, 1, 2, 1, 0),                        // sdiv
      insn(0xd7, 1, 0, 0, 32),                       // bswap32
      insn(0xdc, 1, 0, 0, 16),                       // be16
      insn(0x16, 1, 0, 1, 4),                        // jeq32
      insn(0x06, 0, 0, 0, 0),                        // gotol +0
      st(ebpf::kSizeW, 10, -4, 9),                   // stw
      stx(ebpf::kSizeB, 10, 1, -5),                  // stxb
      ldx(ebpf::kSizeH, 3, 10, -6),                  // ldxh
      insn(0x91, 3, 10, 0, -1 + 1),                  // ldxsb
      insn(0xdb, 10, 1, -16, ebpf::kAtomicCmpXchg),  // cmpxchg
      call(5),
      call_local(1),
      exit_insn(),
      mov(0, 0),
      exit_insn(),
  };
  const vm::VerifyError error = verify(code);
  EXPECT_TRUE(error.ok()) << message(error);
}

}  // namespace
}  // namespace tc::test
