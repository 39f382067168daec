// Machine set-up around the interpreter loop: region mapping, activations, resumption.
#include <cstring>

#include "vm/vm.hpp"

namespace tc::vm {

Status HelperTable::add(uint32_t id, HelperFn fn) {
  if (id >= kMaxHelpers) return {StatusCode::out_of_range, "helper id beyond kMaxHelpers"};
  if (fn == nullptr) return {StatusCode::invalid_argument, "helper function is null"};
  fns_[id] = fn;
  return Status::Ok();
}

Status Machine::map(unsigned slot, Region region) {
  if (slot == 0 || slot >= kNumSlots) return {StatusCode::out_of_range, "bad region slot"};
  if (region.size > kMaxRegionSize) return {StatusCode::out_of_range, "region too large"};
  if (region.host == nullptr && region.size != 0) {
    return {StatusCode::invalid_argument, "region without memory"};
  }
  if (region.access == Access::write) {
    return {StatusCode::invalid_argument, "write-only regions are not supported"};
  }
  const bool readable = allows(region.access, Access::read);
  const bool writable = allows(region.access, Access::write);
  read_[slot] = readable ? Slot{region.host, region.size} : Slot{};
  write_[slot] = writable ? Slot{region.host, region.size} : Slot{};
  if (slot == kSlotStack) stack_bottom_ = slot_base(kSlotStack);
  return Status::Ok();
}

void Machine::unmap(unsigned slot) {
  if (slot == 0 || slot >= kNumSlots) return;
  read_[slot] = {};
  write_[slot] = {};
  if (slot == kSlotStack) stack_bottom_ = 0;
}

RunResult Machine::run(const Program& program, uint32_t entry_pc, uint64_t fuel,
                       std::span<const uint64_t> args) {
  if (program.size() == 0 || entry_pc >= program.size()) {
    RunResult refused;
    refused.exit = Exit::trapped;
    refused.trap = {TrapKind::not_runnable, entry_pc, 0, 0};
    return refused;
  }
  program_ = &program;
  std::memset(regs_, 0, sizeof regs_);
  for (std::size_t i = 0; i < args.size() && i < 5; ++i)
    regs_[1 + i] = args[i];
  const Slot& stack = write_[kSlotStack];
  regs_[ebpf::kFramePointer] = slot_base(kSlotStack) + stack.size;
  depth_ = 0;
  fuel_ = fuel;
  executed_ = 0;
  state_ = State::idle;
  return execute(entry_pc);
}

RunResult Machine::resume(uint64_t r0) {
  if (state_ != State::suspended || program_ == nullptr) {
    RunResult refused;
    refused.exit = Exit::trapped;
    refused.trap = {TrapKind::not_runnable, 0, 0, 0};
    return refused;
  }
  state_ = State::idle;
  regs_[0] = r0;
  if (stop_.load(std::memory_order_relaxed)) {
    RunResult stopped;
    stopped.exit = Exit::stopped;
    stopped.trap.pc = resume_pc_;
    stopped.instructions = executed_;
    return stopped;
  }
  return execute(resume_pc_);
}

const char* describe(TrapKind kind) {
  switch (kind) {
    case TrapKind::none:
      return "none";
    case TrapKind::load_out_of_bounds:
      return "load out of bounds";
    case TrapKind::store_out_of_bounds:
      return "store out of bounds";
    case TrapKind::stack_overflow:
      return "stack overflow";
    case TrapKind::helper_fault:
      return "helper fault";
    case TrapKind::invalid_instruction:
      return "invalid instruction";
    case TrapKind::not_runnable:
      return "not runnable";
  }
  return "unknown trap";
}

const char* describe(Exit exit) {
  switch (exit) {
    case Exit::returned:
      return "returned";
    case Exit::trapped:
      return "trapped";
    case Exit::out_of_fuel:
      return "out of fuel";
    case Exit::stopped:
      return "stopped";
    case Exit::suspended:
      return "suspended";
  }
  return "unknown exit";
}

}  // namespace tc::vm
