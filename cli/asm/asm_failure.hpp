// How the assembler's parts report a malformed statement: thrown deep inside operand parsing,
// caught once in assemble(), which turns it into an AsmError with the line number. Internal.
#pragma once

#include <stdexcept>
#include <string>

namespace tc::ebpf_asm::detail {

class AsmFailure : public std::runtime_error {
 public:
  explicit AsmFailure(const std::string& message) : std::runtime_error(message) {}
};

[[noreturn]] inline void fail(const std::string& message) {
  throw AsmFailure(message);
}

}  // namespace tc::ebpf_asm::detail
