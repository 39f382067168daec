#include "negative_harness.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "asm/assembler.hpp"
#include "ebpf/hex.hpp"
#include "ebpf/plugin.hpp"

namespace tc::conformance {
namespace {

constexpr std::array<std::string_view, 6> kKnownSections = {"asm",    "raw",   "mem",
                                                            "result", "error", "c"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::optional<std::string> unknown_section(const ebpf_asm::DataFile& file) {
  for (const auto& [name, text] : file.sections) {
    if (std::find(kKnownSections.begin(), kKnownSections.end(), name) == kKnownSections.end()) {
      return name;
    }
  }
  return std::nullopt;
}

// The program bytes, or the reason the harness cannot produce them.
struct Program {
  std::vector<uint8_t> bytes;
  std::string problem;
};

Program program_of(const ebpf_asm::DataFile& file) {
  if (file.has("asm")) {
    const ebpf_asm::AssembleResult result = ebpf_asm::assemble(file.section("asm"));
    if (!result.ok()) return {{}, "assembler: " + result.error->to_string()};
    return {result.bytes, {}};
  }
  if (file.has("raw")) {
    const auto bytes = ebpf_asm::raw_words_to_bytes(file.section("raw"));
    if (!bytes) return {{}, "raw section is not a list of 64-bit hex words"};
    return {*bytes, {}};
  }
  return {{}, {}};  // no program at all: the verifier will say so
}

Verdict compare(const ebpf_asm::DataFile& file, const ebpf_host::PluginOutcome& outcome) {
  const std::string got =
      outcome.ok() ? "r0 = 0x" + ebpf_host::format_hex_u64(outcome.r0) : "error: " + outcome.error;
  if (file.has("error")) return {!outcome.ok(), "expected an error, " + got};
  if (file.has("result")) {
    const auto expected = ebpf_host::parse_hex_u64(file.section("result"));
    const bool same = outcome.ok() && expected && *expected == outcome.r0;
    return {same, "expected " + std::string(trim(file.section("result"))) + ", " + got};
  }
  return {false, "no expectation in the file, " + got};
}

}  // namespace

Verdict judge(const ebpf_asm::DataFile& file) {
  if (const auto name = unknown_section(file)) return {false, "unknown section '-- " + *name + "'"};
  const Program program = program_of(file);
  if (!program.problem.empty()) return {false, program.problem};
  const auto mem = ebpf_host::parse_hex_bytes(file.section("mem"));
  if (!mem) return {false, "mem section is not hex"};
  return compare(file, ebpf_host::run_plugin(program.bytes, *mem));
}

}  // namespace tc::conformance
