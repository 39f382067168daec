#include "asm/encode.hpp"

#include "asm/asm_failure.hpp"
#include "asm/integers.hpp"
#include "asm/mnemonics.hpp"
#include "asm/operands.hpp"

namespace tc::ebpf_asm::detail {
namespace {

using ebpf::Insn;

constexpr uint8_t regs(uint8_t dst, uint8_t src) {
  return static_cast<uint8_t>(dst | (src << 4));
}

void expect_operands(const Statement& s, std::size_t count) {
  if (s.operands.size() != count) {
    fail("'" + s.mnemonic + "' expects " + std::to_string(count) + " operand" +
         (count == 1 ? "" : "s") + ", got " + std::to_string(s.operands.size()));
  }
}

void expect_no_words(const Statement& s) {
  if (!s.words.empty()) fail("unexpected '" + s.words.front() + "' after '" + s.mnemonic + "'");
}

Encoded single(Insn insn) {
  return Encoded{{insn}, std::nullopt, false};
}

Encoded with_target(Insn insn, const Target& target, bool in_imm) {
  if (in_imm) {
    insn.imm = static_cast<int32_t>(target.displacement);
  } else {
    insn.offset = static_cast<int16_t>(target.displacement);
  }
  return Encoded{{insn}, target.label, in_imm};
}

// Either "%rS" (source bit set) or an immediate.
void set_source(Insn& insn, std::string_view operand) {
  if (is_register(operand)) {
    insn.opcode |= ebpf::kSrcReg;
    insn.regs = regs(insn.dst(), parse_register(operand));
  } else {
    insn.imm = parse_imm32(operand);
  }
}

Encoded encode_alu(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  Insn insn{m.opcode, parse_register(s.operands[0]), m.offset, 0};
  set_source(insn, s.operands[1]);
  return single(insn);
}

Encoded encode_alu_reg(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  if (!is_register(s.operands[1])) fail("'" + s.mnemonic + "' needs a register source");
  const uint8_t dst = parse_register(s.operands[0]);
  return single({m.opcode, regs(dst, parse_register(s.operands[1])), m.offset, 0});
}

Encoded encode_unary(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 1);
  return single({m.opcode, parse_register(s.operands[0]), 0, m.imm});
}

Encoded encode_load(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  const uint8_t dst = parse_register(s.operands[0]);
  const MemoryRef src = parse_memory(s.operands[1]);
  return single({m.opcode, regs(dst, src.reg), src.offset, 0});
}

Encoded encode_store_imm(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  const MemoryRef dst = parse_memory(s.operands[0]);
  return single({m.opcode, dst.reg, dst.offset, parse_imm32(s.operands[1])});
}

Encoded encode_store_reg(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  const MemoryRef dst = parse_memory(s.operands[0]);
  return single({m.opcode, regs(dst.reg, parse_register(s.operands[1])), dst.offset, 0});
}

Encoded encode_lddw(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 2);
  const uint8_t dst = parse_register(s.operands[0]);
  const uint64_t value = parse_imm64(s.operands[1]);
  const Insn low{m.opcode, dst, 0, static_cast<int32_t>(static_cast<uint32_t>(value))};
  const Insn high{0, 0, 0, static_cast<int32_t>(static_cast<uint32_t>(value >> 32))};
  return Encoded{{low, high}, std::nullopt, false};
}

Encoded encode_cond_jump(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 3);
  Insn insn{m.opcode, parse_register(s.operands[0]), 0, 0};
  set_source(insn, s.operands[1]);
  return with_target(insn, parse_target(s.operands[2], 16), false);
}

// call N (helper), call local TARGET (bpf-to-bpf), call %rN (callx; the VM refuses it, but the
// assembler still encodes it so that the harness can report it as unsupported).
Encoded encode_call(const Statement& s, const Mnemonic& m) {
  expect_operands(s, 1);
  const std::string& operand = s.operands[0];
  if (s.words.size() == 1 && s.words[0] == "local") {
    const Insn insn{m.opcode, regs(0, ebpf::kCallLocal), 0, 0};
    return with_target(insn, parse_target(operand, 32), true);
  }
  if (s.words.size() == 1 && s.words[0] != "helper") {
    fail("unknown call kind '" + s.words[0] + "' (use 'local' or 'helper')");
  }
  if (s.words.size() > 1) fail("unexpected '" + s.words[1] + "' in call");
  if (is_register(operand)) {
    return single({static_cast<uint8_t>(m.opcode | ebpf::kSrcReg), parse_register(operand), 0, 0});
  }
  return single({m.opcode, 0, 0, parse_imm32(operand)});
}

Encoded encode_atomic(const Statement& s) {
  const bool fetch = !s.words.empty() && s.words[0] == "fetch";
  const std::size_t op_index = fetch ? 1 : 0;
  if (s.words.size() != op_index + 1) {
    fail("'lock' expects [fetch] OP [%rD+off], %rS (OP: add, or, and, xor, xchg, cmpxchg)");
  }
  const std::optional<AtomicOp> op = find_atomic(s.words[op_index]);
  if (!op) fail("unknown atomic operation '" + s.words[op_index] + "'");
  if (s.operands.size() != 2) {
    fail("'lock' expects 2 operands, got " + std::to_string(s.operands.size()));
  }
  const uint8_t size = op->is32 ? ebpf::kSizeW : ebpf::kSizeDW;
  const uint8_t opcode = ebpf::kClassStx | ebpf::kModeAtomic | size;
  const MemoryRef dst = parse_memory(s.operands[0]);
  const int32_t imm = op->imm | (fetch ? ebpf::kAtomicFetch : 0);
  return single({opcode, regs(dst.reg, parse_register(s.operands[1])), dst.offset, imm});
}

Encoded encode_control(const Statement& s, const Mnemonic& m) {
  switch (m.form) {
    case Form::ja:
      expect_operands(s, 1);
      return with_target({m.opcode, 0, 0, 0}, parse_target(s.operands[0], 16), false);
    case Form::ja32:
      expect_operands(s, 1);
      return with_target({m.opcode, 0, 0, 0}, parse_target(s.operands[0], 32), true);
    case Form::cond_jump:
      return encode_cond_jump(s, m);
    default:  // exit
      expect_operands(s, 0);
      return single({m.opcode, 0, 0, 0});
  }
}

}  // namespace

Encoded encode(const Statement& s) {
  const std::optional<Mnemonic> m = find_mnemonic(s.mnemonic);
  if (!m) fail("unknown mnemonic '" + s.mnemonic + "'");
  if (m->form == Form::atomic) return encode_atomic(s);
  if (m->form == Form::call) return encode_call(s, *m);
  expect_no_words(s);
  switch (m->form) {
    case Form::alu:
      return encode_alu(s, *m);
    case Form::alu_reg:
      return encode_alu_reg(s, *m);
    case Form::unary:
      return encode_unary(s, *m);
    case Form::load:
      return encode_load(s, *m);
    case Form::store_imm:
      return encode_store_imm(s, *m);
    case Form::store_reg:
      return encode_store_reg(s, *m);
    case Form::lddw:
      return encode_lddw(s, *m);
    default:
      return encode_control(s, *m);
  }
}

}  // namespace tc::ebpf_asm::detail
