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

}  // namespace tc::ebpf_host
