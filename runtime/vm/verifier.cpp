// The load-time verifier. It proves, once, everything the interpreter relies on without checking:
// known opcodes with well-formed fields, registers in range, r10 never written, jump and call
// targets inside the program and never into the middle of an lddw, helpers present in the table,
// and no way to run past the last instruction. Memory safety is dynamic (region checks) and
// termination is dynamic (fuel, stop flag); the verifier does not try to prove either.
#include <bit>

#include "core/text.hpp"

#include "vm/opcodes.hpp"
#include "vm/vm.hpp"

namespace tc::vm {
namespace {

using detail::kOpOf;
using detail::Op;
using ebpf::Insn;

static_assert(std::endian::native == std::endian::little,
              "the interpreter executes little-endian bytecode in place");

class Verifier {
 public:
  Verifier(std::span<const Insn> code, const HelperTable& helpers)
      : code_(code), helpers_(helpers) {}

  VerifyError run() {
    for (uint32_t pc = 0; pc < code_.size(); ++pc) {
      const VerifyReason reason = check(pc);
      if (reason != VerifyReason::ok) return {reason, pc};
      last_ = pc;
      if (code_[pc].opcode == ebpf::kOpLddw) ++pc;  // its second slot was checked with it
    }
    return check_end();
  }

 private:
  VerifyReason check(uint32_t pc) {
    const Insn& insn = code_[pc];
    if (kOpOf[insn.opcode] == Op::INVALID) return unsupported_or_unknown(insn);
    if (insn.dst() >= ebpf::kNumRegisters || insn.src() >= ebpf::kNumRegisters) {
      return VerifyReason::bad_register;
    }
    switch (ebpf::insn_class(insn.opcode)) {
      case ebpf::kClassAlu32:
      case ebpf::kClassAlu64:
        return check_alu(insn);
      case ebpf::kClassJmp:
      case ebpf::kClassJmp32:
        return check_jump(pc, insn);
      case ebpf::kClassLd:
        return check_lddw(pc, insn);
      case ebpf::kClassLdx:
        return check_load(insn);
      case ebpf::kClassSt:
        return check_store_imm(insn);
      default:
        return check_store_reg(insn);
    }
  }

  static VerifyReason unsupported_or_unknown(const Insn& insn) {
    // callx (call by register) is valid eBPF but would bypass the helper allow-list.
    if (insn.opcode == (ebpf::kClassJmp | ebpf::kJmpCall | ebpf::kSrcReg)) {
      return VerifyReason::unsupported_call;
    }
    return VerifyReason::unknown_opcode;
  }

  static VerifyReason check_alu(const Insn& insn) {
    const bool is64 = ebpf::insn_class(insn.opcode) == ebpf::kClassAlu64;
    const uint8_t op = insn.opcode & 0xf0;
    const bool by_reg = (insn.opcode & ebpf::kSrcReg) != 0;
    if (insn.dst() == ebpf::kFramePointer) return VerifyReason::write_to_frame_pointer;

    if (op == ebpf::kAluEnd) {
      if (insn.src() != 0 || insn.offset != 0) return VerifyReason::reserved_field_not_zero;
      if (insn.imm != 16 && insn.imm != 32 && insn.imm != 64) return VerifyReason::bad_endian_width;
      return VerifyReason::ok;
    }
    if (op == ebpf::kAluNeg) {
      return insn.src() == 0 && insn.offset == 0 && insn.imm == 0
                 ? VerifyReason::ok
                 : VerifyReason::reserved_field_not_zero;
    }
    if (by_reg ? insn.imm != 0 : insn.src() != 0) return VerifyReason::reserved_field_not_zero;
    if (!offset_allowed(op, by_reg, is64, insn.offset)) {
      return VerifyReason::reserved_field_not_zero;
    }
    // Any shift immediate is valid: RFC 9669 4.1 masks the shift amount (0x3f for ALU64, 0x1f for
    // ALU32) for immediates as for registers, and the interpreter applies that mask.
    return VerifyReason::ok;
  }

  // The offset field of an ALU instruction selects v4 variants: signed div/mod, sign-extending mov.
  static bool offset_allowed(uint8_t op, bool by_reg, bool is64, int16_t offset) {
    if (offset == 0) return true;
    if (op == ebpf::kAluDiv || op == ebpf::kAluMod) return offset == 1;
    if (op == ebpf::kAluMov && by_reg) {
      return offset == 8 || offset == 16 || (is64 && offset == 32);
    }
    return false;
  }

  VerifyReason check_jump(uint32_t pc, const Insn& insn) {
    const uint8_t op = insn.opcode & 0xf0;
    if (op == ebpf::kJmpExit) {
      return insn.regs == 0 && insn.offset == 0 && insn.imm == 0
                 ? VerifyReason::ok
                 : VerifyReason::reserved_field_not_zero;
    }
    if (op == ebpf::kJmpCall) return check_call(pc, insn);
    if (op == ebpf::kJmpJa) {
      if (insn.regs != 0) return VerifyReason::reserved_field_not_zero;
      if (insn.opcode == ebpf::kOpJa32) {  // gotol: the target is in imm
        if (insn.offset != 0) return VerifyReason::reserved_field_not_zero;
        return check_target(pc, insn.imm);
      }
      if (insn.imm != 0) return VerifyReason::reserved_field_not_zero;
      return check_target(pc, insn.offset);
    }
    const bool by_reg = (insn.opcode & ebpf::kSrcReg) != 0;
    if (by_reg ? insn.imm != 0 : insn.src() != 0) return VerifyReason::reserved_field_not_zero;
    return check_target(pc, insn.offset);
  }

  VerifyReason check_call(uint32_t pc, const Insn& insn) {
    if (insn.dst() != 0 || insn.offset != 0) return VerifyReason::reserved_field_not_zero;
    if (insn.src() == ebpf::kCallLocal) return check_target(pc, insn.imm);
    if (insn.src() != ebpf::kCallHelper) return VerifyReason::unsupported_call;
    if (insn.imm < 0 || helpers_.find(static_cast<uint32_t>(insn.imm)) == nullptr) {
      return VerifyReason::helper_not_allowed;
    }
    return VerifyReason::ok;
  }

  // A target lands on an instruction start: inside the program and not on an lddw's second slot.
  // A slot whose predecessor has the lddw opcode is such a second slot: the predecessor cannot
  // itself be a second slot, because second slots must have opcode 0.
  VerifyReason check_target(uint32_t pc, int64_t delta) const {
    const int64_t target = static_cast<int64_t>(pc) + 1 + delta;
    if (target < 0 || target >= static_cast<int64_t>(code_.size())) {
      return VerifyReason::jump_out_of_range;
    }
    if (target > 0 && code_[static_cast<std::size_t>(target) - 1].opcode == ebpf::kOpLddw) {
      return VerifyReason::jump_into_lddw;
    }
    return VerifyReason::ok;
  }

  VerifyReason check_lddw(uint32_t pc, const Insn& insn) const {
    if (pc + 1 >= code_.size()) return VerifyReason::bad_lddw;
    const Insn& high = code_[pc + 1];
    if (insn.src() != 0) return VerifyReason::bad_lddw;  // map references are not supported
    if (insn.offset != 0 || high.opcode != 0 || high.regs != 0 || high.offset != 0) {
      return VerifyReason::bad_lddw;
    }
    if (insn.dst() == ebpf::kFramePointer) return VerifyReason::write_to_frame_pointer;
    return VerifyReason::ok;
  }

  static VerifyReason check_load(const Insn& insn) {
    if (insn.dst() == ebpf::kFramePointer) return VerifyReason::write_to_frame_pointer;
    return insn.imm == 0 ? VerifyReason::ok : VerifyReason::reserved_field_not_zero;
  }

  static VerifyReason check_store_imm(const Insn& insn) {
    return insn.src() == 0 ? VerifyReason::ok : VerifyReason::reserved_field_not_zero;
  }

  static VerifyReason check_store_reg(const Insn& insn) {
    if ((insn.opcode & 0xe0) != ebpf::kModeAtomic) {
      return insn.imm == 0 ? VerifyReason::ok : VerifyReason::reserved_field_not_zero;
    }
    const int32_t op = insn.imm & ~ebpf::kAtomicFetch;
    const bool fetch = (insn.imm & ebpf::kAtomicFetch) != 0;
    const bool arithmetic =
        op == ebpf::kAluAdd || op == ebpf::kAluOr || op == ebpf::kAluAnd || op == ebpf::kAluXor;
    const bool exchange = insn.imm == ebpf::kAtomicXchg || insn.imm == ebpf::kAtomicCmpXchg;
    if (!arithmetic && !exchange) return VerifyReason::bad_atomic_operation;
    // Fetching forms write the old value back into src (or r0 for cmpxchg).
    if ((fetch || exchange) && insn.src() == ebpf::kFramePointer) {
      return VerifyReason::write_to_frame_pointer;
    }
    return VerifyReason::ok;
  }

  VerifyError check_end() const {
    const uint8_t last = code_[last_].opcode;
    if (last != ebpf::kOpExit && last != ebpf::kOpJa && last != ebpf::kOpJa32) {
      return {VerifyReason::falls_off_end, last_};
    }
    return {};
  }

  std::span<const Insn> code_;
  const HelperTable& helpers_;
  uint32_t last_ = 0;  // start of the last instruction (an lddw's first slot)
};

}  // namespace

const char* describe(VerifyReason reason) {
  switch (reason) {
    case VerifyReason::ok:
      return "ok";
    case VerifyReason::empty_program:
      return "program is empty";
    case VerifyReason::size_not_multiple_of_8:
      return "program size is not a multiple of 8";
    case VerifyReason::program_too_large:
      return "program has too many instructions";
    case VerifyReason::misaligned_code:
      return "program bytes are not 8-byte aligned";
    case VerifyReason::unknown_opcode:
      return "unknown opcode";
    case VerifyReason::bad_register:
      return "register number out of range";
    case VerifyReason::write_to_frame_pointer:
      return "r10 is read-only";
    case VerifyReason::reserved_field_not_zero:
      return "unused field is not zero";
    case VerifyReason::bad_endian_width:
      return "byte swap width must be 16, 32 or 64";
    case VerifyReason::bad_atomic_operation:
      return "unknown atomic operation";
    case VerifyReason::bad_lddw:
      return "malformed lddw";
    case VerifyReason::jump_out_of_range:
      return "jump target out of range";
    case VerifyReason::jump_into_lddw:
      return "jump target inside an lddw";
    case VerifyReason::helper_not_allowed:
      return "call to a helper that is not allowed";
    case VerifyReason::unsupported_call:
      return "unsupported call form";
    case VerifyReason::falls_off_end:
      return "execution can run past the last instruction";
  }
  return "unknown verifier error";
}

const char* VerifyError::format(std::span<char> out) const {
  TextBuilder text(out);
  if (!ok()) text.append("insn ").append(uint64_t{insn}).append(": ");
  return text.append(describe(reason)).c_str();
}

VerifyError verify(std::span<const uint8_t> bytecode, const HelperTable& helpers, Program& out) {
  out = Program();
  if (bytecode.empty()) return {VerifyReason::empty_program, 0};
  if (bytecode.size() % ebpf::kInsnSize != 0) {
    return {VerifyReason::size_not_multiple_of_8, static_cast<uint32_t>(bytecode.size() / 8)};
  }
  if (bytecode.size() / ebpf::kInsnSize > kMaxProgramInsns) {
    return {VerifyReason::program_too_large, kMaxProgramInsns};
  }
  if (reinterpret_cast<uintptr_t>(bytecode.data()) % alignof(ebpf::Insn) != 0) {
    return {VerifyReason::misaligned_code, 0};
  }
  // The bytes are 8-aligned and the host is little-endian, so they are an array of Insn.
  const std::span<const ebpf::Insn> code(
      static_cast<const ebpf::Insn*>(static_cast<const void*>(bytecode.data())),
      bytecode.size() / ebpf::kInsnSize);
  const VerifyError error = Verifier(code, helpers).run();
  if (error.ok()) out.code_ = code;
  return error;
}

}  // namespace tc::vm
