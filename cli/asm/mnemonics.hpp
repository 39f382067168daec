// The mnemonic table: every instruction name the assembler knows, with its encoding form and the
// fixed opcode bits. Internal.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tc::ebpf_asm::detail {

enum class Form : uint8_t {
  alu,        // add %rD, %rS | imm   (and the other binary ALU operations, 32 and 64 bit)
  alu_reg,    // movsx1664 %rD, %rS   (register source only)
  unary,      // neg %rD; be16/le32/bswap64 %rD (the operation sits in opcode and imm)
  load,       // ldxw %rD, [%rS+off]
  store_imm,  // stw [%rD+off], imm
  store_reg,  // stxw [%rD+off], %rS
  lddw,       // lddw %rD, imm64
  ja,         // ja target           (16-bit offset)
  ja32,       // ja32 / gotol target (32-bit imm)
  cond_jump,  // jeq %rD, %rS | imm, target
  call,       // call N | call local target | call %rN
  exit,       // exit
  atomic,     // lock [fetch] add[32] [%rD+off], %rS
};

struct Mnemonic {
  Form form;
  uint8_t opcode;  // complete except for the source bit of alu and cond_jump forms
  int16_t offset;  // fixed offset field (sdiv/smod: 1, movsx: source width)
  int32_t imm;     // fixed imm field (endianness width)
};

[[nodiscard]] std::optional<Mnemonic> find_mnemonic(std::string_view name);

// The atomic operation of "lock [fetch] OP": its imm encoding and whether it is 32-bit.
struct AtomicOp {
  int32_t imm;
  bool is32;
  bool always_fetches;  // xchg and cmpxchg
};
[[nodiscard]] std::optional<AtomicOp> find_atomic(std::string_view name);

}  // namespace tc::ebpf_asm::detail
