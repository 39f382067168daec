// Two passes in one: statements are encoded in order while labels are collected, then every
// jump that named a label gets its displacement.
#include "asm/assembler.hpp"

#include <limits>
#include <unordered_map>

#include "asm/asm_failure.hpp"
#include "asm/encode.hpp"
#include "asm/statement.hpp"
#include "vm/isa.hpp"

namespace tc::ebpf_asm {
namespace {

using detail::AsmFailure;
using detail::fail;

struct Fixup {
  std::size_t slot;
  std::string label;
  bool in_imm;
  unsigned line;
};

class Assembler {
 public:
  void add_line(std::string_view text, unsigned line) {
    const detail::Statement statement = detail::split_statement(text);
    if (!statement.label.empty()) define(statement.label, line);
    if (statement.mnemonic.empty()) return;
    detail::Encoded encoded = detail::encode(statement);
    // Like the bpf_conformance assembler, "exit" also names the first exit instruction, so that
    // "jne %r0, 0, exit" works without a label (an explicit "exit:" label takes precedence).
    if (statement.mnemonic == "exit" && !labels_.contains("exit")) {
      labels_.emplace("exit", code_.size());
    }
    if (encoded.label)
      fixups_.push_back({code_.size(), *encoded.label, encoded.label_in_imm, line});
    code_.insert(code_.end(), encoded.insns.begin(), encoded.insns.end());
  }

  // Fills in label displacements. On failure `error_line` names the jump that could not be
  // resolved, so the caller's error report points at it.
  void resolve(unsigned& error_line) {
    for (const Fixup& fixup : fixups_) {
      error_line = fixup.line;
      const auto it = labels_.find(fixup.label);
      if (it == labels_.end()) fail("unknown label '" + fixup.label + "'");
      const int64_t delta = static_cast<int64_t>(it->second) - static_cast<int64_t>(fixup.slot) - 1;
      ebpf::Insn& insn = code_[fixup.slot];
      if (fixup.in_imm) {
        insn.imm = static_cast<int32_t>(delta);
      } else if (delta < std::numeric_limits<int16_t>::min() ||
                 delta > std::numeric_limits<int16_t>::max()) {
        fail("label '" + fixup.label + "' is too far for a 16-bit jump offset (use gotol)");
      } else {
        insn.offset = static_cast<int16_t>(delta);
      }
    }
  }

  [[nodiscard]] std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out(code_.size() * ebpf::kInsnSize);
    for (std::size_t i = 0; i < code_.size(); ++i)
      ebpf::store_insn(code_[i], out.data() + i * ebpf::kInsnSize);
    return out;
  }

 private:
  void define(const std::string& label, unsigned line) {
    if (defined_.contains(label)) {
      fail("duplicate label '" + label + "' (first defined on line " +
           std::to_string(defined_.at(label)) + ")");
    }
    defined_.emplace(label, line);
    labels_.insert_or_assign(label, code_.size());
  }

  std::vector<ebpf::Insn> code_;
  std::unordered_map<std::string, std::size_t> labels_;  // label -> slot
  std::unordered_map<std::string, unsigned> defined_;    // explicit label -> source line
  std::vector<Fixup> fixups_;
};

}  // namespace

std::string AsmError::to_string() const {
  return line == 0 ? message : "line " + std::to_string(line) + ": " + message;
}

AssembleResult assemble(std::string_view source) {
  Assembler assembler;
  unsigned line = 0;
  try {
    while (!source.empty()) {
      ++line;
      const std::size_t end = source.find('\n');
      assembler.add_line(source.substr(0, end), line);
      source.remove_prefix(end == std::string_view::npos ? source.size() : end + 1);
    }
    assembler.resolve(line);
  } catch (const AsmFailure& failure) {
    return {{}, AsmError{line, failure.what()}};
  }
  return {assembler.bytes(), std::nullopt};
}

}  // namespace tc::ebpf_asm
