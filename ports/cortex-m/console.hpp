// Text output on the board's console UART, without printf: newlib's printf family pulls in
// several KiB and its stdio buffers come from malloc, which the firmware forbids after start-up.
// Enough for self-test reports and fault dumps: strings, signed and unsigned decimals, hex.
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::cortex_m::console {

void print(std::string_view text);
void print_dec(uint64_t value);
void print_signed(int64_t value);
// "0x" followed by exactly `digits` hex digits (the low ones of `value`).
void print_hex(uint64_t value, unsigned digits = 8);

// print(text) then a newline.
inline void line(std::string_view text) {
  print(text);
  print("\n");
}

}  // namespace tc::cortex_m::console
