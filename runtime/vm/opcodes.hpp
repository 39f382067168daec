// Every opcode the VM executes, once. The verifier derives "is this opcode known" from this list
// and the interpreter derives its dispatch table, so the two cannot drift apart.
// Internal to runtime/vm.
#pragma once

#include <array>
#include <cstdint>

namespace tc::vm::detail {

// X(name, opcode)
#define TC_EBPF_ALU_OPS(X, W, CLS) \
  X(ADD##W##_IMM, 0x00 | CLS)      \
  X(ADD##W##_REG, 0x08 | CLS)      \
  X(SUB##W##_IMM, 0x10 | CLS)      \
  X(SUB##W##_REG, 0x18 | CLS)      \
  X(MUL##W##_IMM, 0x20 | CLS)      \
  X(MUL##W##_REG, 0x28 | CLS)      \
  X(DIV##W##_IMM, 0x30 | CLS)      \
  X(DIV##W##_REG, 0x38 | CLS)      \
  X(OR##W##_IMM, 0x40 | CLS)       \
  X(OR##W##_REG, 0x48 | CLS)       \
  X(AND##W##_IMM, 0x50 | CLS)      \
  X(AND##W##_REG, 0x58 | CLS)      \
  X(LSH##W##_IMM, 0x60 | CLS)      \
  X(LSH##W##_REG, 0x68 | CLS)      \
  X(RSH##W##_IMM, 0x70 | CLS)      \
  X(RSH##W##_REG, 0x78 | CLS)      \
  X(NEG##W, 0x80 | CLS)            \
  X(MOD##W##_IMM, 0x90 | CLS)      \
  X(MOD##W##_REG, 0x98 | CLS)      \
  X(XOR##W##_IMM, 0xa0 | CLS)      \
  X(XOR##W##_REG, 0xa8 | CLS)      \
  X(MOV##W##_IMM, 0xb0 | CLS)      \
  X(MOV##W##_REG, 0xb8 | CLS)      \
  X(ARSH##W##_IMM, 0xc0 | CLS)     \
  X(ARSH##W##_REG, 0xc8 | CLS)

#define TC_EBPF_COND_JUMPS(X, W, CLS) \
  X(JEQ##W##_IMM, 0x10 | CLS)         \
  X(JEQ##W##_REG, 0x18 | CLS)         \
  X(JGT##W##_IMM, 0x20 | CLS)         \
  X(JGT##W##_REG, 0x28 | CLS)         \
  X(JGE##W##_IMM, 0x30 | CLS)         \
  X(JGE##W##_REG, 0x38 | CLS)         \
  X(JSET##W##_IMM, 0x40 | CLS)        \
  X(JSET##W##_REG, 0x48 | CLS)        \
  X(JNE##W##_IMM, 0x50 | CLS)         \
  X(JNE##W##_REG, 0x58 | CLS)         \
  X(JSGT##W##_IMM, 0x60 | CLS)        \
  X(JSGT##W##_REG, 0x68 | CLS)        \
  X(JSGE##W##_IMM, 0x70 | CLS)        \
  X(JSGE##W##_REG, 0x78 | CLS)        \
  X(JLT##W##_IMM, 0xa0 | CLS)         \
  X(JLT##W##_REG, 0xa8 | CLS)         \
  X(JLE##W##_IMM, 0xb0 | CLS)         \
  X(JLE##W##_REG, 0xb8 | CLS)         \
  X(JSLT##W##_IMM, 0xc0 | CLS)        \
  X(JSLT##W##_REG, 0xc8 | CLS)        \
  X(JSLE##W##_IMM, 0xd0 | CLS)        \
  X(JSLE##W##_REG, 0xd8 | CLS)

#define TC_EBPF_OPCODES(X)        \
  TC_EBPF_ALU_OPS(X, 64, 0x07)    \
  TC_EBPF_ALU_OPS(X, 32, 0x04)    \
  X(BSWAP64, 0xd7)                \
  X(LE32, 0xd4)                   \
  X(BE32, 0xdc)                   \
  X(JA, 0x05)                     \
  X(JA32, 0x06)                   \
  TC_EBPF_COND_JUMPS(X, 64, 0x05) \
  TC_EBPF_COND_JUMPS(X, 32, 0x06) \
  X(CALL, 0x85)                   \
  X(EXIT, 0x95)                   \
  X(LDDW, 0x18)                   \
  X(LDXW, 0x61)                   \
  X(LDXH, 0x69)                   \
  X(LDXB, 0x71)                   \
  X(LDXDW, 0x79)                  \
  X(LDXSW, 0x81)                  \
  X(LDXSH, 0x89)                  \
  X(LDXSB, 0x91)                  \
  X(STW, 0x62)                    \
  X(STH, 0x6a)                    \
  X(STB, 0x72)                    \
  X(STDW, 0x7a)                   \
  X(STXW, 0x63)                   \
  X(STXH, 0x6b)                   \
  X(STXB, 0x73)                   \
  X(STXDW, 0x7b)                  \
  X(ATOMIC32, 0xc3)               \
  X(ATOMIC64, 0xdb)

// Dense operation numbers; 0 is "not an opcode".
enum class Op : uint8_t {
  INVALID = 0,
#define TC_X(name, code) name,
  TC_EBPF_OPCODES(TC_X)
#undef TC_X
      kCount
};

// Raw opcode byte -> dense operation.
inline constexpr std::array<Op, 256> kOpOf = [] {
  std::array<Op, 256> table{};
#define TC_X(name, code) table[code] = Op::name;
  TC_EBPF_OPCODES(TC_X)
#undef TC_X
  return table;
}();

}  // namespace tc::vm::detail
