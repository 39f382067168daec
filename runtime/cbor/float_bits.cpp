#include "cbor/float_bits.hpp"

namespace tc::cbor {
namespace {

constexpr unsigned kMantissa64 = 52;
constexpr int kBias64 = 1023;
constexpr uint64_t kMantissaMask64 = (uint64_t{1} << kMantissa64) - 1;

constexpr int bias(FloatFormat f) {
  return (1 << (f.exponent_bits - 1)) - 1;
}

constexpr uint64_t low_mask(unsigned bits) {
  return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}

unsigned highest_bit(uint32_t v) {
  unsigned h = 0;
  while (v >>= 1)
    ++h;
  return h;
}

}  // namespace

uint64_t widen(uint32_t bits, FloatFormat from) {
  const unsigned p = from.mantissa_bits;
  const uint64_t sign = static_cast<uint64_t>((bits >> (p + from.exponent_bits)) & 1) << 63;
  const uint32_t exponent = (bits >> p) & ((1u << from.exponent_bits) - 1);
  const uint32_t mantissa = bits & ((1u << p) - 1);
  if (exponent == (1u << from.exponent_bits) - 1) {  // infinity or NaN
    return sign | (uint64_t{0x7ff} << kMantissa64) | (uint64_t{mantissa} << (kMantissa64 - p));
  }
  if (exponent == 0) {
    if (mantissa == 0) return sign;
    // Subnormal: mantissa * 2^(1 - bias - p); binary64 holds it as a normal number.
    const unsigned h = highest_bit(mantissa);
    const int e = 1 - bias(from) - static_cast<int>(p) + static_cast<int>(h);
    const uint64_t m = (uint64_t{mantissa} << (kMantissa64 - h)) & kMantissaMask64;
    return sign | (static_cast<uint64_t>(e + kBias64) << kMantissa64) | m;
  }
  const int e = static_cast<int>(exponent) - bias(from);
  return sign | (static_cast<uint64_t>(e + kBias64) << kMantissa64) |
         (uint64_t{mantissa} << (kMantissa64 - p));
}

bool narrow(uint64_t bits, FloatFormat to, uint32_t& out) {
  const unsigned p = to.mantissa_bits;
  const unsigned dropped = kMantissa64 - p;
  const uint32_t sign = static_cast<uint32_t>(bits >> 63) << (p + to.exponent_bits);
  const uint32_t max_exponent = (1u << to.exponent_bits) - 1;
  const unsigned exponent = static_cast<unsigned>((bits >> kMantissa64) & 0x7ff);
  const uint64_t mantissa = bits & kMantissaMask64;
  if (exponent == 0x7ff) {
    if ((mantissa & low_mask(dropped)) != 0) return false;
    out = sign | (max_exponent << p) | static_cast<uint32_t>(mantissa >> dropped);
    return true;
  }
  if (exponent == 0) {
    if (mantissa != 0) return false;  // binary64 subnormals are far below any narrower range
    out = sign;
    return true;
  }
  const int e = static_cast<int>(exponent) - kBias64;
  const int min_normal = 1 - bias(to);
  if (e > bias(to)) return false;
  if (e >= min_normal) {
    if ((mantissa & low_mask(dropped)) != 0) return false;
    out = sign | (static_cast<uint32_t>(e + bias(to)) << p) |
          static_cast<uint32_t>(mantissa >> dropped);
    return true;
  }
  // Subnormal in the narrow format: (2^52 + mantissa) * 2^(e - 52) = k * 2^(min_normal - p).
  const unsigned shift = dropped + static_cast<unsigned>(min_normal - e);
  if (shift > kMantissa64) return false;  // below half the smallest subnormal
  const uint64_t full = mantissa | (uint64_t{1} << kMantissa64);
  if ((full & low_mask(shift)) != 0) return false;
  out = sign | static_cast<uint32_t>(full >> shift);
  return true;
}

}  // namespace tc::cbor
