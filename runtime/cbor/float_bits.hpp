// Exact conversions between IEEE 754 binary16/binary32 and binary64, on bit patterns only: no
// floating-point arithmetic, so no soft-float library on cores without an FPU, and NaN payloads
// and signed zeros survive unchanged.
#pragma once

#include <cstdint>

namespace tc::cbor {

struct FloatFormat {
  unsigned mantissa_bits;
  unsigned exponent_bits;
};

inline constexpr FloatFormat kBinary16{10, 5};
inline constexpr FloatFormat kBinary32{23, 8};

// The binary64 bits of the same value (always exact).
[[nodiscard]] uint64_t widen(uint32_t bits, FloatFormat from);

// The narrower encoding of a binary64 value, if it holds the value exactly (NaNs: if the payload
// bits dropped are zero, so widening gives back the same bits).
[[nodiscard]] bool narrow(uint64_t bits, FloatFormat to, uint32_t& out);

}  // namespace tc::cbor
