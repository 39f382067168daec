#include "builder/stack_usage.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "vm/isa.hpp"

namespace tc::builder {
namespace {

using ebpf::Insn;

// Registers known to hold r10 + offset (offset usually negative); r10 itself is offset 0.
class FrameTracker {
 public:
  FrameTracker() { regs_[ebpf::kFramePointer] = 0; }

  // Updates the tracked registers for `insn` and returns the frame depth it reaches.
  int64_t step(const Insn& insn) {
    const uint8_t cls = ebpf::insn_class(insn.opcode);
    if (cls == ebpf::kClassLdx) return depth(insn.src(), insn.offset);
    if (cls == ebpf::kClassSt || cls == ebpf::kClassStx) return depth(insn.dst(), insn.offset);
    if (cls == ebpf::kClassAlu64) return alu64(insn);
    if (cls == ebpf::kClassAlu32 || cls == ebpf::kClassLd) forget(insn.dst());
    if (insn.opcode == ebpf::kOpCall) {
      for (uint8_t r = 0; r <= 5; ++r)
        forget(r);  // helpers and callees clobber r0..r5
    }
    return 0;
  }

 private:
  int64_t alu64(const Insn& insn) {
    const uint8_t op = insn.opcode & 0xf0;
    const bool from_reg = (insn.opcode & ebpf::kSrcReg) != 0;
    if (op == ebpf::kAluMov && from_reg) {
      regs_[insn.dst()] = regs_[insn.src()];
    } else if (op == ebpf::kAluAdd && !from_reg && regs_[insn.dst()]) {
      *regs_[insn.dst()] += insn.imm;
    } else if (op == ebpf::kAluSub && !from_reg && regs_[insn.dst()]) {
      *regs_[insn.dst()] -= insn.imm;
    } else {
      forget(insn.dst());
    }
    return depth(insn.dst(), 0);
  }

  // Bytes below r10 that an access at reg + offset reaches (accesses grow upwards from there).
  int64_t depth(uint8_t reg, int16_t offset) const {
    if (reg >= regs_.size() || !regs_[reg]) return 0;
    return std::max<int64_t>(0, -(*regs_[reg] + offset));
  }

  void forget(uint8_t reg) {
    if (reg < regs_.size() && reg != ebpf::kFramePointer) regs_[reg].reset();
  }

  std::array<std::optional<int64_t>, ebpf::kNumRegisters> regs_{};
};

}  // namespace

uint32_t stack_depth(std::span<const uint8_t> code, uint32_t begin, uint32_t end) {
  const std::size_t count = code.size() / ebpf::kInsnSize;
  end = static_cast<uint32_t>(std::min<std::size_t>(end, count));
  FrameTracker tracker;
  int64_t deepest = 0;
  for (uint32_t pc = begin; pc < end; ++pc) {
    const Insn insn = ebpf::load_insn(code, pc);
    deepest = std::max(deepest, tracker.step(insn));
    if (insn.opcode == ebpf::kOpLddw) ++pc;  // the second slot holds only the high immediate
  }
  return static_cast<uint32_t>(std::min<int64_t>(deepest, UINT32_MAX));
}

}  // namespace tc::builder
