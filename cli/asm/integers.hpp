// Integer literals of the assembly syntax and the range rules for each instruction field.
// A decimal literal is a signed value and must fit the field's signed range; a hexadecimal
// literal may also spell the field's full unsigned bit pattern (0xffffffff is a valid imm32,
// 2147483648 is not). Internal.
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::ebpf_asm::detail {

// "[+|-]digits" or "[+|-]0xhex"; throws AsmFailure when malformed or beyond 64 bits.
struct Literal {
  bool negative = false;
  bool hex = false;
  uint64_t magnitude = 0;
};
[[nodiscard]] Literal parse_literal(std::string_view text);

[[nodiscard]] bool looks_numeric(std::string_view text);

// The value of `text` as the bit pattern of a field of `bits` bits (16, 32 or 64), sign-extended
// to 64 bits; throws AsmFailure naming `what` when it does not fit.
[[nodiscard]] int64_t fit_field(std::string_view text, unsigned bits, std::string_view what);

[[nodiscard]] inline int16_t parse_offset(std::string_view text) {
  return static_cast<int16_t>(fit_field(text, 16, "offset"));
}
[[nodiscard]] inline int32_t parse_imm32(std::string_view text) {
  return static_cast<int32_t>(fit_field(text, 32, "immediate"));
}
[[nodiscard]] inline uint64_t parse_imm64(std::string_view text) {
  return static_cast<uint64_t>(fit_field(text, 64, "immediate"));
}

}  // namespace tc::ebpf_asm::detail
