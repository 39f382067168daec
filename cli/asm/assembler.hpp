// The eBPF text assembler: the syntax of the bpf_conformance suite ("mov %r0, 1", "ldxw %r1,
// [%r2+4]", "jne %r0, 0, label", "lock fetch add [%r10-8], %r1", ...), see docs/conformance.md.
//
//   auto result = tc::ebpf_asm::assemble(source);
//   if (!result.ok()) std::cerr << result.error->to_string() << '\n';
//   else use(result.bytes);  // little-endian instruction bytes, 8 per slot
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::ebpf_asm {

struct AsmError {
  unsigned line = 0;  // 1-based source line; 0 when the error concerns the whole program
  std::string message;

  [[nodiscard]] std::string to_string() const;  // "line 3: unknown mnemonic 'ldxq'"
};

struct AssembleResult {
  std::vector<uint8_t> bytes;
  std::optional<AsmError> error;

  [[nodiscard]] bool ok() const { return !error.has_value(); }
};

// Assembles `source`. An empty source (only comments and blank lines) yields no bytes; deciding
// whether an empty program is acceptable is the verifier's job.
[[nodiscard]] AssembleResult assemble(std::string_view source);

}  // namespace tc::ebpf_asm
