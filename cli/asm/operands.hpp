// Operand forms: registers (%r0..%r10), memory references ([%rN], [%rN+off], [%rN-off]) and
// jump targets (a label, or a signed instruction offset such as +3 or -2). Internal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::ebpf_asm::detail {

[[nodiscard]] bool is_register(std::string_view text);
[[nodiscard]] uint8_t parse_register(std::string_view text);  // throws AsmFailure

struct MemoryRef {
  uint8_t reg = 0;
  int16_t offset = 0;
};
[[nodiscard]] MemoryRef parse_memory(std::string_view text);  // throws AsmFailure

// A jump target: either a numeric displacement or a label to resolve after the last line.
struct Target {
  int64_t displacement = 0;
  std::optional<std::string> label;
};
// `bits` is the width of the field that holds the displacement (16 for offset, 32 for imm).
[[nodiscard]] Target parse_target(std::string_view text, unsigned bits);

}  // namespace tc::ebpf_asm::detail
