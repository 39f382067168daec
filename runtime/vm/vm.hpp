// The TinyContainer eBPF virtual machine: the one header the rest of the device includes.
//
//   tc::vm::HelperTable helpers;                 // which helpers exist (and so which are allowed)
//   auto program = tc::vm::load(code, helpers);  // verify once; rejects with insn index + reason
//   tc::vm::Machine m(helpers, user_context);
//   m.map(tc::vm::kSlotStack, {stack, sizeof stack, tc::vm::Access::read_write});
//   tc::vm::RunResult r = m.run(*program, entry_pc, fuel);
//
// Containers never see host pointers. Every address a container holds is a *virtual* address:
// the region slot in bits 32..39 and the offset inside the region in bits 0..31. Translation is a
// table look-up and one bounds compare; unmapped slots have size 0, so deny is the default.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "vm/isa.hpp"

namespace tc::vm {

// ---------------------------------------------------------------------------------------------
// Address space

enum class Access : uint8_t { none = 0, read = 1, write = 2, read_write = 3 };

[[nodiscard]] constexpr bool allows(Access have, Access want) {
  return (static_cast<uint8_t>(have) & static_cast<uint8_t>(want)) == static_cast<uint8_t>(want);
}

// A host memory range the machine exposes to a container.
struct Region {
  uint8_t* host = nullptr;
  uint32_t size = 0;
  Access access = Access::none;
};

inline constexpr unsigned kSlotShift = 32;
inline constexpr unsigned kNumSlots = 8;  // slot 0 stays unmapped so that null traps

// Fixed slot roles of the container ABI (the image builder resolves addresses against them).
inline constexpr unsigned kSlotRodata = 1;
inline constexpr unsigned kSlotData = 2;  // .data followed by .bss
inline constexpr unsigned kSlotStack = 3;
inline constexpr unsigned kSlotContext = 4;  // activation input (message, request payload)
inline constexpr unsigned kSlotGrant0 = 5;   // buffers a helper grants for one activation
inline constexpr uint32_t kMaxRegionSize = 0x8000'0000u;

[[nodiscard]] constexpr uint64_t slot_base(unsigned slot) {
  return static_cast<uint64_t>(slot) << kSlotShift;
}

// ---------------------------------------------------------------------------------------------
// Helpers (calls from a container into the device)

class Machine;

// What a helper asks the machine to do next.
struct HelperResult {
  enum class Kind : uint8_t { value, suspend, trap };
  Kind kind = Kind::value;
  uint64_t value = 0;  // r0 for Kind::value

  static constexpr HelperResult Value(uint64_t v) { return {Kind::value, v}; }
  static constexpr HelperResult Suspend() { return {Kind::suspend, 0}; }
  static constexpr HelperResult Trap() { return {Kind::trap, 0}; }
};

// A helper receives r1..r5. Container addresses among them must go through Machine::translate.
using HelperFn = HelperResult (*)(Machine& machine, void* context, const uint64_t (&args)[5]);

inline constexpr uint32_t kMaxHelpers = 64;

// Helpers by stable number. A program may only call helpers present here; the verifier checks.
class HelperTable {
 public:
  constexpr HelperTable() = default;
  Status add(uint32_t id, HelperFn fn);
  [[nodiscard]] constexpr HelperFn find(uint32_t id) const {
    return id < kMaxHelpers ? fns_[id] : nullptr;
  }

 private:
  HelperFn fns_[kMaxHelpers] = {};
};

// ---------------------------------------------------------------------------------------------
// Verification

enum class VerifyReason : uint8_t {
  ok = 0,
  empty_program,
  size_not_multiple_of_8,
  program_too_large,
  misaligned_code,
  unknown_opcode,
  bad_register,
  write_to_frame_pointer,
  reserved_field_not_zero,
  bad_endian_width,
  bad_atomic_operation,
  bad_lddw,
  jump_out_of_range,
  jump_into_lddw,
  helper_not_allowed,
  unsupported_call,
  falls_off_end,
};

[[nodiscard]] const char* describe(VerifyReason reason);

struct VerifyError {
  VerifyReason reason = VerifyReason::ok;
  uint32_t insn = 0;  // index of the offending instruction slot

  [[nodiscard]] constexpr bool ok() const { return reason == VerifyReason::ok; }
  // "insn 12: jump target out of range", NUL-terminated, truncated to fit. Returns `out`.
  const char* format(std::span<char> out) const;
};

inline constexpr uint32_t kMaxProgramInsns = 65536;

// A verified program: a view of the caller's bytecode, which must outlive it. The interpreter
// executes the bytecode in place (XIP from flash on a microcontroller), relying on what the
// verifier proved.
class Program {
 public:
  Program() = default;
  [[nodiscard]] std::span<const ebpf::Insn> code() const { return code_; }
  [[nodiscard]] uint32_t size() const { return static_cast<uint32_t>(code_.size()); }

 private:
  friend VerifyError verify(std::span<const uint8_t>, const HelperTable&, Program&);
  std::span<const ebpf::Insn> code_;
};

// Verifies `bytecode` against `helpers`; on success `out` refers to the bytecode.
VerifyError verify(std::span<const uint8_t> bytecode, const HelperTable& helpers, Program& out);

// ---------------------------------------------------------------------------------------------
// Execution

enum class Exit : uint8_t {
  returned,     // `exit` from the entry function; r0 is the result
  trapped,      // a fault; see Trap
  out_of_fuel,  // the instruction budget ran out
  stopped,      // the external stop flag was raised (watchdog)
  suspended,    // a helper suspended the machine; resume() continues it
};

enum class TrapKind : uint8_t {
  none = 0,
  load_out_of_bounds,
  store_out_of_bounds,
  stack_overflow,       // local call nesting deeper than the stack allows
  helper_fault,         // a helper refused to continue (for example a bad pointer argument)
  invalid_instruction,  // only a corrupted (unverified) program can reach this
  not_runnable,         // run() without a program, resume() when not suspended
};

[[nodiscard]] const char* describe(TrapKind kind);
[[nodiscard]] const char* describe(Exit exit);

struct Trap {
  TrapKind kind = TrapKind::none;
  uint32_t pc = 0;
  uint64_t address = 0;  // the virtual address for memory traps
  uint32_t size = 0;     // the access size for memory traps
};

struct RunResult {
  Exit exit = Exit::returned;
  uint64_t r0 = 0;
  uint64_t instructions = 0;  // instruction slots executed in this activation so far
  Trap trap;
};

inline constexpr unsigned kMaxCallDepth = 8;

// One execution context: registers, mapped regions, local-call frames. No heap; a device keeps
// one per container. Not thread-safe, except request_stop(), which any thread or ISR may call.
class Machine {
 public:
  explicit Machine(const HelperTable& helpers, void* helper_context = nullptr)
      : helpers_(&helpers), helper_context_(helper_context) {}

  // Maps `region` at slot `slot` (1..kNumSlots-1). Fails on a bad slot or an oversized region.
  Status map(unsigned slot, Region region);
  void unmap(unsigned slot);
  // Each local call moves r10 down by this many bytes (default: the 512 bytes eBPF assumes).
  void set_frame_size(uint32_t bytes) { frame_size_ = bytes; }

  // Starts an activation at `entry_pc` with r1..r5 = args and r10 = the top of the stack slot.
  RunResult run(const Program& program, uint32_t entry_pc, uint64_t fuel,
                std::span<const uint64_t> args = {});
  // Continues a suspended activation; `r0` is the helper's eventual result.
  RunResult resume(uint64_t r0);

  // The watchdog's handle: the running activation ends at its next back edge or helper call.
  void request_stop() { stop_.store(true, std::memory_order_relaxed); }
  // run() does not clear a stop request, so that a watchdog firing between arming and run()
  // is not lost; the caller clears it before arming the watchdog for the next activation.
  void clear_stop() { stop_.store(false, std::memory_order_relaxed); }

  // Turns a container address into a host pointer for `size` bytes with `access`, or nullptr.
  // Writable regions are always readable (map() refuses write-only ones), so one table decides.
  [[nodiscard]] uint8_t* translate(uint64_t address, uint32_t size, Access access) const {
    const Slot& s = (access == Access::read ? read_ : write_)[slot_index(address)];
    const uint32_t offset = static_cast<uint32_t>(address);
    if (static_cast<uint64_t>(offset) + size > s.size) return nullptr;
    return s.base + offset;
  }

  [[nodiscard]] uint64_t reg(unsigned i) const { return regs_[i]; }
  [[nodiscard]] bool suspended() const { return state_ == State::suspended; }

 private:
  struct Slot {
    uint8_t* base = nullptr;
    uint64_t size = 0;
  };
  struct Frame {
    uint32_t return_pc;
    uint64_t saved[5];  // r6..r10
  };
  enum class State : uint8_t { idle, suspended };

  [[nodiscard]] static constexpr unsigned slot_index(uint64_t address) {
    const uint64_t slot = address >> kSlotShift;
    return slot < kNumSlots ? static_cast<unsigned>(slot) : 0;
  }

  RunResult execute(uint32_t pc);

  const HelperTable* helpers_;
  void* helper_context_;
  const Program* program_ = nullptr;
  Slot read_[kNumSlots] = {};
  Slot write_[kNumSlots] = {};
  uint64_t stack_bottom_ = 0;  // lowest valid r10 for a new frame
  uint32_t frame_size_ = 512;
  uint64_t regs_[ebpf::kNumRegisters] = {};
  Frame frames_[kMaxCallDepth] = {};
  unsigned depth_ = 0;
  uint64_t fuel_ = 0;
  uint64_t executed_ = 0;
  uint32_t resume_pc_ = 0;
  State state_ = State::idle;
  std::atomic<bool> stop_{false};
};

}  // namespace tc::vm
