#include "builder/code_checks.hpp"

#include <optional>
#include <string>
#include <vector>

#include "builder/build_error.hpp"
#include "builder/sdk_helpers.hpp"
#include "vm/isa.hpp"
#include "vm/vm.hpp"

namespace tc::builder {
namespace {

constexpr uint8_t kOpCallx = ebpf::kClassJmp | ebpf::kJmpCall | ebpf::kSrcReg;

uint32_t insn_count(const SectionLayout& layout) {
  return static_cast<uint32_t>(layout.text.size() / ebpf::kInsnSize);
}

void check_insn(const SectionLayout& layout, uint32_t pc, const ebpf::Insn& insn) {
  if (insn.opcode == ebpf::kOpCall && insn.src() == ebpf::kCallHelper) {
    const auto id = static_cast<uint32_t>(insn.imm);
    if (!sdk_helper_name(id)) {
      throw BuildError(layout.function_at(pc) + " calls unknown helper " + std::to_string(id) +
                       " (tinycontainer.h defines helpers 1.." +
                       std::to_string(sdk_helpers().back().id) + ")");
    }
  } else if (insn.opcode == kOpCallx) {
    throw BuildError("function pointers are not supported: " + layout.function_at(pc) +
                     " makes an indirect call");
  } else if (insn.opcode == ebpf::kOpLddw && insn.src() != 0) {
    throw BuildError(layout.function_at(pc) + " uses a special 64-bit load (source " +
                     std::to_string(insn.src()) + ", a libbpf map reference?), not supported");
  }
}

// Index of the function holding instruction `pc` in layout.functions(), if any.
std::optional<std::size_t> function_index(const SectionLayout& layout, uint32_t pc) {
  const auto& fns = layout.functions();
  for (std::size_t i = 0; i < fns.size(); ++i) {
    if (pc >= fns[i].begin && pc < fns[i].end) return i;
  }
  return std::nullopt;
}

class CallGraph {
 public:
  explicit CallGraph(const SectionLayout& layout)
      : layout_(layout), callees_(layout.functions().size()) {
    const uint32_t count = insn_count(layout);
    for (uint32_t pc = 0; pc < count; ++pc) {
      const ebpf::Insn insn = ebpf::load_insn(layout.text, pc);
      if (insn.opcode == ebpf::kOpLddw) ++pc;
      if (insn.opcode != ebpf::kOpCall || insn.src() != ebpf::kCallLocal) continue;
      const auto caller = function_index(layout, pc);
      const auto callee = function_index(layout, static_cast<uint32_t>(pc + 1 + insn.imm));
      if (caller && callee) callees_[*caller].push_back(*callee);
    }
  }

  uint32_t depth() {
    state_.assign(callees_.size(), State::unvisited);
    depth_.assign(callees_.size(), 0);
    uint32_t deepest = 0;
    for (std::size_t f = 0; f < callees_.size(); ++f)
      deepest = std::max(deepest, visit(f, 0));
    return deepest;
  }

 private:
  enum class State : uint8_t { unvisited, active, done };

  // `level` bounds the host recursion: chains deeper than the VM allows stop early.
  uint32_t visit(std::size_t f, uint32_t level) {
    if (state_[f] == State::done) return depth_[f];
    const std::string& name = layout_.functions()[f].name;
    if (state_[f] == State::active) {
      throw BuildError("recursion is not supported: function '" + name +
                       "' calls itself (directly or through other functions)");
    }
    if (level > vm::kMaxCallDepth) {
      throw BuildError("function '" + name + "' is reached through more than " +
                       std::to_string(vm::kMaxCallDepth) + " nested calls, the VM's limit");
    }
    state_[f] = State::active;
    uint32_t deepest = 0;
    for (std::size_t callee : callees_[f])
      deepest = std::max(deepest, visit(callee, level + 1) + 1);
    state_[f] = State::done;
    depth_[f] = deepest;
    return deepest;
  }

  const SectionLayout& layout_;
  std::vector<std::vector<std::size_t>> callees_;
  std::vector<State> state_;
  std::vector<uint32_t> depth_;
};

}  // namespace

void check_calls(const SectionLayout& layout) {
  const uint32_t count = insn_count(layout);
  for (uint32_t pc = 0; pc < count; ++pc) {
    const ebpf::Insn insn = ebpf::load_insn(layout.text, pc);
    check_insn(layout, pc, insn);
    if (insn.opcode == ebpf::kOpLddw) ++pc;  // skip the immediate's second half
  }
}

uint32_t call_depth(const SectionLayout& layout) {
  return CallGraph(layout).depth();
}

}  // namespace tc::builder
