// The bpf_conformance test-file format (*.data): "-- NAME" lines open sections ("asm", "raw",
// "mem", "result", "error", "c", ...); lines before the first section are comments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::ebpf_asm {

struct DataFile {
  std::map<std::string, std::string, std::less<>> sections;  // name -> text, lines kept

  [[nodiscard]] bool has(std::string_view name) const { return sections.contains(name); }
  // The section's text, or an empty string when absent.
  [[nodiscard]] std::string_view section(std::string_view name) const;
};

[[nodiscard]] DataFile parse_data_file(std::string_view text);

// The "-- asm" section of a .data file with every other line blanked, so that assembler error
// line numbers still point into the file. Returns nullopt when there is no "-- asm" line.
[[nodiscard]] std::optional<std::string> asm_section_in_place(std::string_view text);

// A "-- raw" section: whitespace-separated tokens, each one 64-bit instruction word in hex
// (with or without 0x), as the bpf_conformance reader interprets them. Returns the
// little-endian bytes, or nullopt on a token that is not a hex number of at most 64 bits.
[[nodiscard]] std::optional<std::vector<uint8_t>> raw_words_to_bytes(std::string_view text);

}  // namespace tc::ebpf_asm
