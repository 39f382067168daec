// The CBOR writer: preferred serialization of integers and floats, sticky errors, and output
// buffer overflow at every length without a byte written past the end.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "cbor/reader.hpp"
#include "cbor/writer.hpp"

namespace tc::test {
namespace {

using cbor::Error;
using cbor::Writer;

std::string to_hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

template <typename Fn>
std::string encode(Fn fn) {
  uint8_t buffer[64];
  Writer w(buffer);
  fn(w);
  EXPECT_EQ(w.error(), Error::ok);
  return to_hex(w.written());
}

TEST(CborWriter, IntegerExtremesUseTheShortestHead) {
  const std::pair<uint64_t, const char*> unsigned_cases[] = {
      {0, "00"},
      {23, "17"},
      {24, "1818"},
      {255, "18ff"},
      {256, "190100"},
      {65535, "19ffff"},
      {65536, "1a00010000"},
      {0xffffffffu, "1affffffff"},
      {0x100000000u, "1b0000000100000000"},
      {UINT64_MAX, "1bffffffffffffffff"},
  };
  for (const auto& c : unsigned_cases) {
    const uint64_t value = c.first;
    EXPECT_EQ(encode([&](Writer& w) { w.write_uint(value); }), c.second) << value;
  }
  const std::pair<int64_t, const char*> signed_cases[] = {
      {0, "00"},
      {-1, "20"},
      {-24, "37"},
      {-25, "3818"},
      {-256, "38ff"},
      {-257, "390100"},
      {INT64_MAX, "1b7fffffffffffffff"},
      {INT64_MIN, "3b7fffffffffffffff"},
  };
  for (const auto& c : signed_cases) {
    const int64_t value = c.first;
    EXPECT_EQ(encode([&](Writer& w) { w.write_int(value); }), c.second) << value;
  }
  EXPECT_EQ(encode([](Writer& w) { w.write_negative(UINT64_MAX); }), "3bffffffffffffffff");
}

double from_bits(uint64_t bits) {
  return std::bit_cast<double>(bits);
}

TEST(CborWriter, FloatsUseTheNarrowestExactWidth) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::pair<double, const char*> cases[] = {
      {0.0, "f90000"},
      {-0.0, "f98000"},
      {1.0, "f93c00"},
      {1.5, "f93e00"},
      {-4.0, "f9c400"},
      {65504.0, "f97bff"},
      {65505.0, "fa477fe100"},
      {65536.0, "fa47800000"},  // above the binary16 range, exact in binary32
      {100000.0, "fa47c35000"},
      {3.4028234663852886e+38, "fa7f7fffff"},
      {1.0e+300, "fb7e37e43c8800759c"},
      {1.1, "fb3ff199999999999a"},
      {5.960464477539063e-8, "f90001"},       // smallest binary16 subnormal
      {6.097555160522461e-5, "f903ff"},       // largest binary16 subnormal
      {6.103515625e-05, "f90400"},            // smallest binary16 normal
      {2.9802322387695312e-8, "fa33000000"},  // 2^-25: binary32 only
      {1.401298464324817e-45, "fa00000001"},  // smallest binary32 subnormal
      {std::ldexp(1.0, -150), "fb3690000000000000"},
      {1.0 + std::ldexp(1.0, -10), "f93c01"},
      {1.0 + std::ldexp(1.0, -11), "fa3f801000"},
      {1.0 + std::ldexp(1.0, -24), "fb3ff0000010000000"},
      {inf, "f97c00"},
      {-inf, "f9fc00"},
      {from_bits(0x7ff8000000000000), "f97e00"},
      {from_bits(0xfff8000000000000), "f9fe00"},
      {from_bits(0x7ff4000000000000), "f97d00"},  // payload fits binary16
      {from_bits(0x7ff0000020000000), "fa7f800001"},
      {from_bits(0x7ff8000000000001), "fb7ff8000000000001"},
      {std::numeric_limits<double>::denorm_min(), "fb0000000000000001"},
  };
  for (const auto& c : cases) {
    const double value = c.first;
    const std::string want = c.second;
    const std::string got = encode([&](Writer& w) { w.write_float(value); });
    EXPECT_EQ(got, want) << value;
    // And the reader widens it back to the same bits.
    uint8_t buffer[16];
    Writer w(buffer);
    w.write_float(value);
    cbor::Reader r(w.written());
    cbor::Item item;
    ASSERT_EQ(r.next(item), Error::ok);
    EXPECT_EQ(item.argument, std::bit_cast<uint64_t>(value)) << want;
    EXPECT_TRUE(item.preferred) << want;
  }
}

TEST(CborWriter, EveryKindOfItem) {
  const uint8_t data[] = {1, 2};
  const std::string got = encode([&](Writer& w) {
    w.write_array(9)
        .write_bytes(data)
        .write_text("a\xc3\xbc")
        .write_map(1)
        .write_tag(1)
        .write_bool(true)
        .write_bool(false)
        .write_null()
        .write_undefined()
        .write_simple(16)
        .write_simple(32)
        .write_simple(255);
  });
  EXPECT_EQ(got, "894201026361c3bca1c1f5f4f6f7f0f820f8ff");
  EXPECT_EQ(encode([](Writer& w) {
              w.begin_array().begin_map().begin_bytes().begin_text().write_break();
            }),
            "9fbf5f7fff");
  const uint8_t inner[] = {0x82, 0x01, 0x02};
  EXPECT_EQ(encode([&](Writer& w) { w.write_bytes_header(sizeof inner).write_raw(inner); }),
            "43820102");
}

TEST(CborWriter, RefusesWhatHasNoEncoding) {
  uint8_t buffer[8];
  for (uint8_t s = 24; s < 32; ++s) {
    Writer w(buffer);
    w.write_simple(s);
    EXPECT_EQ(w.error(), Error::bad_simple_value);
    EXPECT_EQ(w.size(), 0u);
  }
  Writer w(buffer);
  w.write_text("\xc3(").write_uint(1);
  EXPECT_EQ(w.error(), Error::invalid_utf8);
  EXPECT_EQ(w.size(), 0u) << "errors are sticky";
}

void write_sample(Writer& w) {
  const uint8_t data[] = {9, 8, 7, 6, 5};
  w.write_map(3)
      .write_text("name")
      .write_text("sensor-\xe6\xb0\xb4")
      .write_uint(100000)
      .write_bytes(data)
      .write_tag(1)
      .write_array(3)
      .write_float(1.1)
      .write_int(-300)
      .write_uint(UINT64_MAX);
}

TEST(CborWriter, OverflowAtEveryLengthWritesNothingPastTheEnd) {
  uint8_t full[128];
  Writer reference(full);
  write_sample(reference);
  ASSERT_EQ(reference.error(), Error::ok);
  const std::size_t total = reference.size();
  for (std::size_t n = 0; n < total; ++n) {
    std::vector<uint8_t> backing(total + 16, 0xa5);
    Writer w(std::span<uint8_t>(backing.data(), n));
    write_sample(w);
    EXPECT_EQ(w.error(), Error::buffer_full) << n;
    ASSERT_LE(w.size(), n);
    EXPECT_TRUE(std::equal(w.written().begin(), w.written().end(), full)) << n;
    for (std::size_t i = n; i < backing.size(); ++i)
      ASSERT_EQ(backing[i], 0xa5) << "wrote past the end at " << i << " with room " << n;
    // Only whole items: what was written reads back without a malformation but truncated.
    cbor::Reader r(w.written());
    EXPECT_TRUE(r.skip() == Error::truncated || w.size() == 0) << n;
  }
  std::vector<uint8_t> exact(total);
  Writer w(exact);
  write_sample(w);
  EXPECT_EQ(w.error(), Error::ok);
}

TEST(CborWriter, CopiesItemsFromAReader) {
  const uint8_t in[] = {0xbf, 0x61, 0x61, 0x5f, 0x41, 0x01, 0xff, 0x61, 0x62, 0x9f,
                        0xfa, 0x3f, 0x80, 0x00, 0x00, 0x38, 0x63, 0xff, 0xff};
  cbor::Reader r(in);
  uint8_t out[32];
  Writer w(out);
  cbor::Item item;
  while (r.next(item) == Error::ok)
    w.write(item);
  EXPECT_EQ(r.finish(), Error::ok);
  // Identical except the float, now in its preferred binary16 form.
  EXPECT_EQ(to_hex(w.written()), "bf61615f4101ff61629ff93c003863ffff");
}

}  // namespace
}  // namespace tc::test
