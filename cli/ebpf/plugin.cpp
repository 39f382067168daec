#include "ebpf/plugin.hpp"

#include <array>
#include <cstring>
#include <vector>

#include "ebpf/hex.hpp"
#include "vm/vm.hpp"

namespace tc::ebpf_host {
namespace {

vm::HelperResult return_first_argument(vm::Machine&, void*, const uint64_t (&args)[5]) {
  return vm::HelperResult::Value(args[0]);
}

const vm::HelperTable& plugin_helpers() {
  static const vm::HelperTable table = [] {
    vm::HelperTable t;
    (void)t.add(kPluginHelperId, return_first_argument);
    return t;
  }();
  return table;
}

// The verifier executes bytecode in place and needs it 8-byte aligned; the caller's bytes may
// sit anywhere, so they are copied into Insn-typed storage.
std::vector<ebpf::Insn> aligned_copy(std::span<const uint8_t> program) {
  std::vector<ebpf::Insn> code((program.size() + ebpf::kInsnSize - 1) / ebpf::kInsnSize);
  if (!program.empty()) std::memcpy(code.data(), program.data(), program.size());
  return code;
}

}  // namespace

std::string describe_failure(const vm::RunResult& run) {
  std::string text = vm::describe(run.exit);
  if (run.exit == vm::Exit::trapped) {
    text +=
        ": " + std::string(vm::describe(run.trap.kind)) + " at pc " + std::to_string(run.trap.pc);
    if (run.trap.size != 0) {
      text += ", address 0x" + format_hex_u64(run.trap.address) + ", size " +
              std::to_string(run.trap.size);
    }
  } else {
    text += " at pc " + std::to_string(run.trap.pc);
  }
  return text;
}

RawRun run_raw(std::span<const uint8_t> program, std::span<const uint8_t> mem, uint64_t fuel) {
  const std::vector<ebpf::Insn> code = aligned_copy(program);
  // The byte view keeps the caller's length, so a size that is not a multiple of 8 still fails.
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(code.data()),
                                       program.size());
  vm::Program verified;
  const vm::VerifyError error = vm::verify(bytes, plugin_helpers(), verified);
  if (!error.ok()) {
    std::array<char, 128> text{};
    return {error.format(text), {}};
  }
  if (mem.size() > vm::kMaxRegionSize) return {"memory larger than a region can be", {}};
  std::vector<uint8_t> memory(mem.begin(), mem.end());
  std::array<uint8_t, kPluginStackSize> stack{};
  vm::Machine machine(plugin_helpers());
  (void)machine.map(vm::kSlotStack, {stack.data(), kPluginStackSize, vm::Access::read_write});
  (void)machine.map(vm::kSlotContext,
                    {memory.data(), static_cast<uint32_t>(memory.size()), vm::Access::read_write});
  const uint64_t args[2] = {vm::slot_base(vm::kSlotContext), memory.size()};
  return {{}, machine.run(verified, 0, fuel, args)};
}

PluginOutcome run_plugin(std::span<const uint8_t> program, std::span<const uint8_t> mem) {
  const RawRun raw = run_raw(program, mem, kPluginFuel);
  if (!raw.rejected.empty()) return {PluginOutcome::Kind::rejected, 0, raw.rejected};
  if (raw.result.exit != vm::Exit::returned) {
    return {PluginOutcome::Kind::failed, 0, describe_failure(raw.result)};
  }
  return {PluginOutcome::Kind::returned, raw.result.r0, {}};
}

}  // namespace tc::ebpf_host
