// Test support: build eBPF programs instruction by instruction, keep them 8-byte aligned, and run
// them on a Machine with a stack and a memory region mapped.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "vm/isa.hpp"
#include "vm/vm.hpp"

namespace tc::test {

using ebpf::Insn;

constexpr Insn insn(uint8_t opcode, uint8_t dst, uint8_t src, int16_t offset, int32_t imm) {
  return Insn{opcode, static_cast<uint8_t>((src << 4) | (dst & 0x0f)), offset, imm};
}

// The common instructions by name (64-bit unless the name says 32).
constexpr Insn mov(uint8_t dst, int32_t imm) {
  return insn(0xb7, dst, 0, 0, imm);
}
constexpr Insn mov_reg(uint8_t dst, uint8_t src) {
  return insn(0xbf, dst, src, 0, 0);
}
constexpr Insn add(uint8_t dst, int32_t imm) {
  return insn(0x07, dst, 0, 0, imm);
}
constexpr Insn add_reg(uint8_t dst, uint8_t src) {
  return insn(0x0f, dst, src, 0, 0);
}
constexpr Insn ja(int16_t offset) {
  return insn(0x05, 0, 0, offset, 0);
}
constexpr Insn jeq(uint8_t dst, int32_t imm, int16_t offset) {
  return insn(0x15, dst, 0, offset, imm);
}
constexpr Insn jne(uint8_t dst, int32_t imm, int16_t offset) {
  return insn(0x55, dst, 0, offset, imm);
}
constexpr Insn call(int32_t helper) {
  return insn(0x85, 0, 0, 0, helper);
}
constexpr Insn call_local(int32_t delta) {
  return insn(0x85, 0, 1, 0, delta);
}
constexpr Insn exit_insn() {
  return insn(0x95, 0, 0, 0, 0);
}
constexpr Insn ldx(uint8_t size_bits, uint8_t dst, uint8_t src, int16_t offset) {
  return insn(static_cast<uint8_t>(0x61 | size_bits), dst, src, offset, 0);
}
constexpr Insn stx(uint8_t size_bits, uint8_t dst, uint8_t src, int16_t offset) {
  return insn(static_cast<uint8_t>(0x63 | size_bits), dst, src, offset, 0);
}
constexpr Insn st(uint8_t size_bits, uint8_t dst, int16_t offset, int32_t imm) {
  return insn(static_cast<uint8_t>(0x62 | size_bits), dst, 0, offset, imm);
}

// lddw occupies two slots.
inline std::vector<Insn> lddw(uint8_t dst, uint64_t value) {
  return {insn(0x18, dst, 0, 0, static_cast<int32_t>(static_cast<uint32_t>(value))),
          insn(0, 0, 0, 0, static_cast<int32_t>(static_cast<uint32_t>(value >> 32)))};
}

// Bytecode with 8-byte alignment guaranteed (std::vector<uint64_t> storage).
class Bytecode {
 public:
  Bytecode() = default;
  Bytecode(std::initializer_list<Insn> insns) {
    for (const Insn& i : insns)
      push(i);
  }
  Bytecode& push(const Insn& i) {
    words_.push_back(0);
    ebpf::store_insn(i, reinterpret_cast<uint8_t*>(&words_.back()));
    return *this;
  }
  Bytecode& push(const std::vector<Insn>& insns) {
    for (const Insn& i : insns)
      push(i);
    return *this;
  }
  [[nodiscard]] std::span<const uint8_t> bytes() const {
    return {reinterpret_cast<const uint8_t*>(words_.data()), words_.size() * 8};
  }

 private:
  std::vector<uint64_t> words_;
};

inline std::string message(const vm::VerifyError& error) {
  char text[96];
  return error.format(text);
}

}  // namespace tc::test
