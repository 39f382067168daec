#include "console.hpp"

#include <array>

#include "board.hpp"

namespace tc::cortex_m::console {

void print(std::string_view text) {
  for (const char c : text) {
    board::uart_put(c);
  }
}

void print_dec(uint64_t value) {
  std::array<char, 20> digits{};  // UINT64_MAX has 20 digits
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) {
    board::uart_put(digits[--n]);
  }
}

void print_signed(int64_t value) {
  if (value < 0) {
    board::uart_put('-');
    print_dec(0 - static_cast<uint64_t>(value));  // well defined for INT64_MIN too
    return;
  }
  print_dec(static_cast<uint64_t>(value));
}

void print_hex(uint64_t value, unsigned digits) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  print("0x");
  for (unsigned i = digits; i > 0; --i) {
    board::uart_put(kHex[(value >> ((i - 1) * 4)) & 0xf]);
  }
}

}  // namespace tc::cortex_m::console
