// Turns one statement into its instruction slot(s). Labels are left for the caller to resolve,
// since a jump may name a label that appears further down. Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asm/statement.hpp"
#include "vm/isa.hpp"

namespace tc::ebpf_asm::detail {

struct Encoded {
  std::vector<ebpf::Insn> insns;  // one slot, or two for lddw
  std::optional<std::string> label;
  bool label_in_imm = false;  // gotol and local calls keep their displacement in imm
};

// Throws AsmFailure with a message (without the line number) when the statement is invalid.
[[nodiscard]] Encoded encode(const Statement& statement);

}  // namespace tc::ebpf_asm::detail
