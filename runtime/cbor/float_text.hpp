// Shortest round-trip decimal text of a binary64 value, without printf and without floating-point
// arithmetic: exact big-integer digit generation (Burger and Dybvig's free-format algorithm, the
// exact variant of Steele and White's Dragon4) in fixed-size buffers.
#pragma once

#include <cstdint>

#include "core/text.hpp"

namespace tc::cbor {

// value = 0.d1 d2 ... dn * 10^exponent, with the fewest digits that read back (round to nearest,
// ties to even) as the same binary64 value.
struct Decimal {
  char digits[17] = {};
  uint8_t count = 0;
  int16_t exponent = 0;
};

// bits: a finite, positive, non-zero binary64 value.
[[nodiscard]] Decimal shortest_decimal(uint64_t bits);

// Appends a binary64 value as RFC 8949 diagnostic notation writes it: "1.5", "100000.0",
// "1.0e+300", "5.960464477539063e-8", "-0.0", "Infinity", "-Infinity", "NaN". Positional
// notation is used for decimal exponents -5..21 (as ECMAScript does), otherwise scientific.
void append_float(TextBuilder& out, uint64_t bits);

}  // namespace tc::cbor
