// Base16 text as the bpf_conformance plugin protocol and test files write it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tc::ebpf_host {

// "b7 00 00 00 01 00 00 00\n95..." -> bytes. Whitespace anywhere is ignored; an odd number of
// digits or a non-hex character yields nullopt.
[[nodiscard]] std::optional<std::vector<uint8_t>> parse_hex_bytes(std::string_view text);

// "0x1f", "1F", "-0x1" -> value; a leading '-' negates modulo 2^64 (bpf_conformance results
// are sometimes written as negative numbers). nullopt on anything else or overflow.
[[nodiscard]] std::optional<uint64_t> parse_hex_u64(std::string_view text);

// Lowercase hex without prefix or leading zeros, as printf("%llx") writes it.
[[nodiscard]] std::string format_hex_u64(uint64_t value);

[[nodiscard]] std::string format_hex_bytes(std::span<const uint8_t> bytes);

}  // namespace tc::ebpf_host
