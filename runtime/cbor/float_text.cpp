#include "cbor/float_text.hpp"

#include <cstddef>

namespace tc::cbor {
namespace {

constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr uint64_t kInfinityBits = uint64_t{0x7ff} << 52;
constexpr uint64_t kMantissaMask = (uint64_t{1} << 52) - 1;

// A fixed-capacity unsigned big integer, just enough for the digit generation below. The largest
// value it holds is about 10 * 2^1080 (tiny subnormals scaled by 10^324, or 2^1024 against
// 10^309), so 36 words of 32 bits (1152 bits) leave headroom; the arithmetic saturates at the
// capacity instead of writing past it.
class Big {
 public:
  explicit Big(uint64_t v = 0) { set(v); }

  void set(uint64_t v) {
    words_[0] = static_cast<uint32_t>(v);
    words_[1] = static_cast<uint32_t>(v >> 32);
    size_ = words_[1] != 0 ? 2 : (words_[0] != 0 ? 1 : 0);
  }

  void multiply(uint32_t factor) {
    uint64_t carry = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      const uint64_t p = uint64_t{words_[i]} * factor + carry;
      words_[i] = static_cast<uint32_t>(p);
      carry = p >> 32;
    }
    push(static_cast<uint32_t>(carry));
  }

  void multiply_pow10(unsigned n) {
    for (; n >= 9; n -= 9)
      multiply(1000000000u);
    static constexpr uint32_t kSmall[9] = {1,      10,      100,      1000,     10000,
                                           100000, 1000000, 10000000, 100000000};
    multiply(kSmall[n]);
  }

  void shift_left(unsigned bits) {
    for (; bits >= 32; bits -= 32)
      multiply_word_base();
    if (bits == 0) return;
    uint32_t carry = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      const uint32_t w = words_[i];
      words_[i] = (w << bits) | carry;
      carry = w >> (32 - bits);
    }
    push(carry);
  }

  void add(const Big& other) {
    uint64_t carry = 0;
    const std::size_t n = size_ > other.size_ ? size_ : other.size_;
    for (std::size_t i = 0; i < n; ++i) {
      const uint64_t s = uint64_t{word(i)} + other.word(i) + carry;
      words_[i] = static_cast<uint32_t>(s);
      carry = s >> 32;
    }
    size_ = n;
    push(static_cast<uint32_t>(carry));
  }

  // *this -= other; callers guarantee *this >= other.
  void subtract(const Big& other) {
    uint64_t borrow = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      const uint64_t d = uint64_t{words_[i]} - other.word(i) - borrow;
      words_[i] = static_cast<uint32_t>(d);
      borrow = (d >> 32) & 1;
    }
    while (size_ > 0 && words_[size_ - 1] == 0)
      --size_;
  }

  [[nodiscard]] int compare(const Big& other) const {
    if (size_ != other.size_) return size_ < other.size_ ? -1 : 1;
    for (std::size_t i = size_; i-- > 0;) {
      if (words_[i] != other.words_[i]) return words_[i] < other.words_[i] ? -1 : 1;
    }
    return 0;
  }

 private:
  static constexpr std::size_t kWords = 36;

  [[nodiscard]] uint32_t word(std::size_t i) const { return i < size_ ? words_[i] : 0; }

  void push(uint32_t w) {
    if (w != 0 && size_ < kWords) words_[size_++] = w;
  }

  void multiply_word_base() {
    if (size_ == 0) return;
    const std::size_t n = size_ < kWords ? size_ + 1 : kWords;
    for (std::size_t i = n - 1; i > 0; --i)
      words_[i] = words_[i - 1];
    words_[0] = 0;
    size_ = n;
  }

  uint32_t words_[kWords] = {};
  std::size_t size_ = 0;
};

unsigned bit_length(uint64_t v) {
  unsigned n = 0;
  for (; v != 0; v >>= 1)
    ++n;
  return n;
}

// floor(x * log10(2)) for |x| < 1100, never above the true value of ceil(log10(v)) for
// 2^x <= v < 2^(x+1); 78913 / 2^18 is slightly below log10(2). Arithmetic right shift is floor.
int floor_log10_pow2(int x) {
  return (x * 78913) >> 18;
}

// Whether r + high reaches s: the upper end of the rounding interval is at or past the next
// digit (inclusive when the mantissa is even, as round-half-even reading would land on it).
// scratch: caller's storage, so no big integer lives in this frame.
bool reaches(const Big& r, const Big& high, const Big& s, bool inclusive, Big& scratch) {
  scratch = r;
  scratch.add(high);
  const int c = scratch.compare(s);
  return inclusive ? c >= 0 : c > 0;
}

}  // namespace

Decimal shortest_decimal(uint64_t bits) {
  const uint64_t mantissa = bits & kMantissaMask;
  const unsigned biased = static_cast<unsigned>(bits >> 52) & 0x7ff;
  const uint64_t f = biased == 0 ? mantissa : mantissa | (uint64_t{1} << 52);
  const int e = biased == 0 ? -1074 : static_cast<int>(biased) - 1075;
  const bool even = (f & 1) == 0;
  // At a power of two the gap to the next lower value is half the gap to the next higher one.
  const bool uneven_gaps = mantissa == 0 && biased > 1;
  const unsigned extra = uneven_gaps ? 1 : 0;

  // value = r / s; the rounding interval is (value - low / s, value + high / s), doubled so all
  // of it stays integral.
  Big r(f), s(1), high(1), low(1), scratch;
  if (e >= 0) {
    r.shift_left(static_cast<unsigned>(e) + 1 + extra);
    s.shift_left(1 + extra);
    high.shift_left(static_cast<unsigned>(e) + extra);
    low.shift_left(static_cast<unsigned>(e));
  } else {
    r.shift_left(1 + extra);
    s.shift_left(static_cast<unsigned>(1 - e) + extra);
    high.shift_left(extra);
  }

  int k = floor_log10_pow2(e + static_cast<int>(bit_length(f)) - 1);
  if (k >= 0) {
    s.multiply_pow10(static_cast<unsigned>(k));
  } else {
    r.multiply_pow10(static_cast<unsigned>(-k));
    high.multiply_pow10(static_cast<unsigned>(-k));
    low.multiply_pow10(static_cast<unsigned>(-k));
  }
  while (reaches(r, high, s, even, scratch)) {
    s.multiply(10);
    ++k;
  }

  Decimal out;
  out.exponent = static_cast<int16_t>(k);
  for (;;) {
    r.multiply(10);
    high.multiply(10);
    low.multiply(10);
    char digit = '0';
    while (r.compare(s) >= 0) {
      r.subtract(s);
      ++digit;
    }
    const int c = r.compare(low);
    const bool low_done = even ? c <= 0 : c < 0;
    const bool high_done = reaches(r, high, s, even, scratch);
    if (!low_done && !high_done && out.count + 1u < sizeof out.digits) {
      out.digits[out.count++] = digit;
      continue;
    }
    if (low_done && high_done) {
      scratch = r;
      scratch.shift_left(1);
      if (scratch.compare(s) >= 0) ++digit;
    } else if (high_done) {
      ++digit;
    }
    out.digits[out.count++] = digit;
    return out;
  }
}

namespace {

void append_digits(TextBuilder& out, const Decimal& d, int from, int to) {
  for (int i = from; i < to; ++i)
    out.append_char(i >= 0 && i < d.count ? d.digits[i] : '0');
}

void append_positional(TextBuilder& out, const Decimal& d) {
  const int point = d.exponent;
  if (point <= 0) {
    out.append("0.");
    append_digits(out, d, point, d.count);  // from a negative index: the leading zeros
    return;
  }
  append_digits(out, d, 0, point);
  out.append_char('.');
  if (d.count > point) {
    append_digits(out, d, point, d.count);
  } else {
    out.append_char('0');
  }
}

void append_scientific(TextBuilder& out, const Decimal& d) {
  out.append_char(d.digits[0]).append_char('.');
  if (d.count > 1) {
    append_digits(out, d, 1, d.count);
  } else {
    out.append_char('0');
  }
  const int exponent = d.exponent - 1;
  out.append_char('e').append_char(exponent < 0 ? '-' : '+');
  out.append(static_cast<uint64_t>(exponent < 0 ? -exponent : exponent));
}

}  // namespace

void append_float(TextBuilder& out, uint64_t bits) {
  const uint64_t magnitude = bits & ~kSignBit;
  if (magnitude > kInfinityBits) {
    out.append("NaN");
    return;
  }
  if ((bits & kSignBit) != 0) out.append_char('-');
  if (magnitude == kInfinityBits) {
    out.append("Infinity");
    return;
  }
  if (magnitude == 0) {
    out.append("0.0");
    return;
  }
  const Decimal d = shortest_decimal(magnitude);
  if (d.exponent > -6 && d.exponent <= 21) {
    append_positional(out, d);
  } else {
    append_scientific(out, d);
  }
}

}  // namespace tc::cbor
