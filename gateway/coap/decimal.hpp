// Decimal numbers in protocol text (ports, lifetimes, registration numbers): ASCII digits only,
// no sign, no spaces, no more than `max`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tc::gw {

[[nodiscard]] constexpr std::optional<uint64_t> parse_decimal(std::string_view digits,
                                                              uint64_t max) {
  constexpr std::size_t kLongest = 19;  // below 2^63 whatever the digits
  if (digits.empty() || digits.size() > kLongest) return std::nullopt;
  uint64_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

}  // namespace tc::gw
