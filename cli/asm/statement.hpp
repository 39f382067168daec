// One source line split into its parts: an optional label, the mnemonic, the words that qualify
// it ("lock fetch add", "call local") and the comma-separated operands. Internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tc::ebpf_asm::detail {

struct Statement {
  std::string label;                  // "loop" for "loop:"; empty when none
  std::string mnemonic;               // empty for a line holding only a label or a comment
  std::vector<std::string> words;     // bare words between the mnemonic and the first operand
  std::vector<std::string> operands;  // whitespace removed inside "[...]"
};

// Splits one line; throws AsmFailure on an empty operand ("mov %r0,, 1") or a bad label.
[[nodiscard]] Statement split_statement(std::string_view line);

[[nodiscard]] bool is_identifier(std::string_view text);

}  // namespace tc::ebpf_asm::detail
