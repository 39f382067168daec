// The core of the bpf_conformance plugin (`tcctl ebpf plugin`), kept apart from the command so
// that the conformance tests run exactly this code path in-process.
//
// Conventions of the suite: the program is verified against a helper table that holds only
// helper 5 (returns its first argument); r1 is the container address of a writable copy of
// `mem` (mapped at the context slot), r2 its length, r10 the top of a 512-byte stack.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "vm/vm.hpp"

namespace tc::ebpf_host {

struct PluginOutcome {
  enum class Kind : uint8_t {
    returned,  // r0 is the result
    rejected,  // the verifier refused the program; error is "insn N: reason"
    failed,    // the program trapped or ran out of fuel; error says where
  };
  Kind kind = Kind::returned;
  uint64_t r0 = 0;
  std::string error;

  [[nodiscard]] bool ok() const { return kind == Kind::returned; }
};

inline constexpr uint32_t kPluginStackSize = 512;
inline constexpr uint32_t kPluginHelperId = 5;
// Far more than any conformance program needs, small enough that a runaway loop ends in well
// under a second.
inline constexpr uint64_t kPluginFuel = 100'000'000;

[[nodiscard]] PluginOutcome run_plugin(std::span<const uint8_t> program,
                                       std::span<const uint8_t> mem);

// A raw program run under the plugin conventions with a chosen fuel, keeping the whole RunResult
// (exit kind, instructions, trap details) for `tcctl ebpf run --raw`.
struct RawRun {
  std::string rejected;  // the verifier's "insn N: reason"; empty when the program ran
  vm::RunResult result;
};

[[nodiscard]] RawRun run_raw(std::span<const uint8_t> program, std::span<const uint8_t> mem,
                             uint64_t fuel);

// "trapped: load out of bounds at pc 3, address 0x..., size 4" / "out of fuel at pc 7".
[[nodiscard]] std::string describe_failure(const vm::RunResult& run);

}  // namespace tc::ebpf_host
