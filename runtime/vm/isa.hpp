// The eBPF instruction set as RFC 9669 encodes it: the raw 8-byte instruction and the opcode
// fields. Shared by the verifier, the interpreter, the image builder and the assembler.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

namespace tc::ebpf {

// One raw instruction slot, exactly as it is stored in a program (little-endian fields).
struct Insn {
  uint8_t opcode;
  uint8_t regs;  // dst in the low nibble, src in the high nibble
  int16_t offset;
  int32_t imm;

  [[nodiscard]] constexpr uint8_t dst() const { return regs & 0x0f; }
  [[nodiscard]] constexpr uint8_t src() const { return regs >> 4; }
};
static_assert(sizeof(Insn) == 8, "an eBPF instruction is 8 bytes");

inline constexpr std::size_t kInsnSize = 8;
inline constexpr uint8_t kNumRegisters = 11;  // r0..r10; r10 is the read-only frame pointer
inline constexpr uint8_t kFramePointer = 10;

// Instruction classes (the low three bits of the opcode).
inline constexpr uint8_t kClassLd = 0x00;
inline constexpr uint8_t kClassLdx = 0x01;
inline constexpr uint8_t kClassSt = 0x02;
inline constexpr uint8_t kClassStx = 0x03;
inline constexpr uint8_t kClassAlu32 = 0x04;
inline constexpr uint8_t kClassJmp = 0x05;
inline constexpr uint8_t kClassJmp32 = 0x06;
inline constexpr uint8_t kClassAlu64 = 0x07;

[[nodiscard]] constexpr uint8_t insn_class(uint8_t opcode) {
  return opcode & 0x07;
}

// Arithmetic and jump: source bit and operation (high four bits).
inline constexpr uint8_t kSrcImm = 0x00;
inline constexpr uint8_t kSrcReg = 0x08;

inline constexpr uint8_t kAluAdd = 0x00;
inline constexpr uint8_t kAluSub = 0x10;
inline constexpr uint8_t kAluMul = 0x20;
inline constexpr uint8_t kAluDiv = 0x30;
inline constexpr uint8_t kAluOr = 0x40;
inline constexpr uint8_t kAluAnd = 0x50;
inline constexpr uint8_t kAluLsh = 0x60;
inline constexpr uint8_t kAluRsh = 0x70;
inline constexpr uint8_t kAluNeg = 0x80;
inline constexpr uint8_t kAluMod = 0x90;
inline constexpr uint8_t kAluXor = 0xa0;
inline constexpr uint8_t kAluMov = 0xb0;
inline constexpr uint8_t kAluArsh = 0xc0;
inline constexpr uint8_t kAluEnd = 0xd0;

inline constexpr uint8_t kJmpJa = 0x00;
inline constexpr uint8_t kJmpJeq = 0x10;
inline constexpr uint8_t kJmpJgt = 0x20;
inline constexpr uint8_t kJmpJge = 0x30;
inline constexpr uint8_t kJmpJset = 0x40;
inline constexpr uint8_t kJmpJne = 0x50;
inline constexpr uint8_t kJmpJsgt = 0x60;
inline constexpr uint8_t kJmpJsge = 0x70;
inline constexpr uint8_t kJmpCall = 0x80;
inline constexpr uint8_t kJmpExit = 0x90;
inline constexpr uint8_t kJmpJlt = 0xa0;
inline constexpr uint8_t kJmpJle = 0xb0;
inline constexpr uint8_t kJmpJslt = 0xc0;
inline constexpr uint8_t kJmpJsle = 0xd0;

// Load and store: size (bits 3-4) and mode (bits 5-7).
inline constexpr uint8_t kSizeW = 0x00;
inline constexpr uint8_t kSizeH = 0x08;
inline constexpr uint8_t kSizeB = 0x10;
inline constexpr uint8_t kSizeDW = 0x18;

inline constexpr uint8_t kModeImm = 0x00;
inline constexpr uint8_t kModeMem = 0x60;
inline constexpr uint8_t kModeMemSx = 0x80;
inline constexpr uint8_t kModeAtomic = 0xc0;

// Atomic operations (in imm of an atomic store).
inline constexpr int32_t kAtomicFetch = 0x01;
inline constexpr int32_t kAtomicXchg = 0xe0 | kAtomicFetch;
inline constexpr int32_t kAtomicCmpXchg = 0xf0 | kAtomicFetch;

// `call` source field: helper by number, or a local function (bpf-to-bpf call).
inline constexpr uint8_t kCallHelper = 0;
inline constexpr uint8_t kCallLocal = 1;

// The full opcodes the rest of the code names directly.
inline constexpr uint8_t kOpLddw = kClassLd | kSizeDW | kModeImm;  // 0x18
inline constexpr uint8_t kOpCall = kClassJmp | kJmpCall;           // 0x85
inline constexpr uint8_t kOpExit = kClassJmp | kJmpExit;           // 0x95
inline constexpr uint8_t kOpJa = kClassJmp | kJmpJa;               // 0x05
inline constexpr uint8_t kOpJa32 = kClassJmp32 | kJmpJa;           // 0x06, "gotol"

// Decodes instruction `index` from little-endian bytes. Callers guarantee the slot exists.
[[nodiscard]] inline Insn load_insn(std::span<const uint8_t> code, std::size_t index) {
  Insn insn{};
  const uint8_t* p = code.data() + index * kInsnSize;
  insn.opcode = p[0];
  insn.regs = p[1];
  insn.offset = static_cast<int16_t>(static_cast<uint16_t>(p[2] | (p[3] << 8)));
  insn.imm = static_cast<int32_t>(static_cast<uint32_t>(p[4]) | (static_cast<uint32_t>(p[5]) << 8) |
                                  (static_cast<uint32_t>(p[6]) << 16) |
                                  (static_cast<uint32_t>(p[7]) << 24));
  return insn;
}

// Encodes one instruction as little-endian bytes.
inline void store_insn(const Insn& insn, uint8_t out[kInsnSize]) {
  out[0] = insn.opcode;
  out[1] = insn.regs;
  const auto off = static_cast<uint16_t>(insn.offset);
  out[2] = static_cast<uint8_t>(off);
  out[3] = static_cast<uint8_t>(off >> 8);
  const auto imm = static_cast<uint32_t>(insn.imm);
  for (int i = 0; i < 4; ++i)
    out[4 + i] = static_cast<uint8_t>(imm >> (8 * i));
}

}  // namespace tc::ebpf
