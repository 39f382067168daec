// Shortest round-trip float text: checked against the C library (exact printf and strtod on the
// host) for special values and many random bit patterns: the text must read back to the same
// double and have no more significant digits than printf needs.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "cbor/float_bits.hpp"
#include "cbor/float_text.hpp"

namespace tc::test {
namespace {

std::string render(double value) {
  char text[64];
  TextBuilder out(text);
  cbor::append_float(out, std::bit_cast<uint64_t>(value));
  EXPECT_FALSE(out.truncated());
  return text;
}

// The fewest significant digits printf needs for text that reads back as value.
int shortest_printf_digits(double value) {
  for (int digits = 1; digits <= 17; ++digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", digits - 1, value);
    if (std::strtod(text, nullptr) == value) return digits;
  }
  return 17;
}

void check(double value) {
  const std::string text = render(value);
  ASSERT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  const cbor::Decimal d = cbor::shortest_decimal(std::bit_cast<uint64_t>(std::abs(value)));
  // Never longer than printf's shortest correctly rounded form; may be shorter next to a power of
  // two, where the rounding interval is lopsided.
  ASSERT_LE(d.count, shortest_printf_digits(value)) << text;
  ASSERT_NE(d.digits[d.count - 1], '0') << text;
}

TEST(CborFloatText, SpecialValues) {
  const double values[] = {std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::min(),
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::epsilon(),
                           1.0,
                           0.1,
                           0.2,
                           0.3,
                           1.0 / 3,
                           2.0 / 3,
                           9007199254740992.0,
                           9007199254740994.0,
                           123456789012345680.0,
                           1e21,
                           1e22,
                           1e23,
                           5e-324,
                           1e-7,
                           1e-6,
                           1.7976931348623157e308,
                           2.2250738585072009e-308,
                           2.2250738585072014e-308,
                           4.9406564584124654e-324,
                           3.4028234663852886e38,
                           1.401298464324817e-45,
                           65504.0,
                           1363896240.5};
  for (const double v : values) {
    check(v);
    check(-v);
  }
  for (int e = -1074; e <= 1023; ++e)
    check(std::ldexp(1.0, e));
  double p = 1.0;
  for (int e = 0; e <= 308; ++e, p *= 10)
    check(p);
}

TEST(CborFloatText, Format) {
  EXPECT_EQ(render(1e21), "1.0e+21");
  EXPECT_EQ(render(1e20), "100000000000000000000.0");
  EXPECT_EQ(render(123.456), "123.456");
  EXPECT_EQ(render(0.000001), "0.000001");
  EXPECT_EQ(render(1e-7), "1.0e-7");
  EXPECT_EQ(render(1.25e-7), "1.25e-7");
  EXPECT_EQ(render(-0.0), "-0.0");
  EXPECT_EQ(render(5e-324), "5.0e-324");
  EXPECT_EQ(render(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(render(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(render(-std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(CborFloatText, RandomBitPatterns) {
  std::mt19937_64 random(20240601);
  for (int i = 0; i < 20000; ++i) {
    const double v = std::bit_cast<double>(random());
    if (!std::isfinite(v) || v == 0) continue;
    check(v);
  }
}

TEST(CborFloatText, RandomShortDecimals) {
  // Values typed by people: few digits, where ties between candidates are common.
  std::mt19937_64 random(7);
  for (int i = 0; i < 50000; ++i) {
    char text[32];
    std::snprintf(text, sizeof text, "%llue%d", static_cast<unsigned long long>(random() % 100000),
                  static_cast<int>(random() % 80) - 40);
    const double v = std::strtod(text, nullptr);
    if (v == 0) continue;
    check(v);
  }
}

TEST(CborFloatBits, WidenAndNarrowAreInverseOnAllHalfAndManySinglePatterns) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const uint64_t wide = cbor::widen(h, cbor::kBinary16);
    uint32_t back = 0;
    ASSERT_TRUE(cbor::narrow(wide, cbor::kBinary16, back)) << h;
    ASSERT_EQ(back, h);
    const bool nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
    if (!nan) {
      // Compare with the compiler's own conversion through binary32.
      const uint64_t via_float = cbor::widen(static_cast<uint32_t>(std::bit_cast<uint32_t>(
                                                 static_cast<float>(std::bit_cast<double>(wide)))),
                                             cbor::kBinary32);
      ASSERT_EQ(via_float, wide) << h;
    }
  }
  std::mt19937 random(3);
  for (int i = 0; i < 1000000; ++i) {
    const uint32_t s = random();
    const float f = std::bit_cast<float>(s);
    const uint64_t wide = cbor::widen(s, cbor::kBinary32);
    if (f == f) {
      ASSERT_EQ(std::bit_cast<double>(wide), static_cast<double>(f)) << s;
    }
    uint32_t back = 0;
    ASSERT_TRUE(cbor::narrow(wide, cbor::kBinary32, back));
    ASSERT_EQ(back, s);
  }
}

}  // namespace
}  // namespace tc::test
