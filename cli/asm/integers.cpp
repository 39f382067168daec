#include "asm/integers.hpp"

#include <limits>
#include <string>

#include "asm/asm_failure.hpp"

namespace tc::ebpf_asm::detail {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

[[noreturn]] void bad_literal(std::string_view text) {
  fail("malformed number '" + std::string(text) + "'");
}

}  // namespace

bool looks_numeric(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  return !text.empty() && text.front() >= '0' && text.front() <= '9';
}

Literal parse_literal(std::string_view text) {
  Literal literal;
  const std::string_view original = text;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    literal.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    literal.hex = true;
    text.remove_prefix(2);
  }
  if (text.empty()) bad_literal(original);
  const uint64_t base = literal.hex ? 16 : 10;
  for (const char c : text) {
    const int digit = digit_value(c);
    if (static_cast<uint64_t>(digit) >= base) bad_literal(original);
    if (literal.magnitude > (std::numeric_limits<uint64_t>::max() - digit) / base) {
      fail("number '" + std::string(original) + "' does not fit in 64 bits");
    }
    literal.magnitude = literal.magnitude * base + static_cast<uint64_t>(digit);
  }
  return literal;
}

int64_t fit_field(std::string_view text, unsigned bits, std::string_view what) {
  const Literal literal = parse_literal(text);
  const uint64_t signed_max = (uint64_t{1} << (bits - 1)) - 1;
  const uint64_t pattern_max = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const uint64_t limit = literal.negative ? signed_max + 1 : literal.hex ? pattern_max : signed_max;
  if (literal.magnitude > limit) {
    fail(std::string(what) + " '" + std::string(text) + "' is out of range for " +
         std::to_string(bits) + " bits");
  }
  const uint64_t value = literal.negative ? 0 - literal.magnitude : literal.magnitude;
  // Sign-extend the field's bit pattern, so that 0xffffffff and -1 encode alike.
  const unsigned unused = 64 - bits;
  return static_cast<int64_t>(value << unused) >> unused;
}

}  // namespace tc::ebpf_asm::detail
