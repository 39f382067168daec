// The CBOR pull reader: integer extremes, every error reason, nesting limit, truncation at every
// length, UTF-8 validation, typed reads that leave the position alone on a mismatch.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "cbor/reader.hpp"
#include "cbor/utf8.hpp"

namespace tc::test {
namespace {

using cbor::Error;
using cbor::Item;
using cbor::Reader;
using cbor::Type;

std::vector<uint8_t> hex(std::string_view text) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoul(std::string(text.substr(i, 2)), nullptr, 16)));
  return out;
}

// Reads every item to the end; the first error, or ok if the input is one or more whole items.
Error read_all(const std::vector<uint8_t>& bytes) {
  Reader r(bytes);
  Item item;
  for (;;) {
    const Error e = r.next(item);
    if (e == Error::end_of_input) return r.finish();
    if (e != Error::ok) return e;
  }
}

struct IntCase {
  const char* hex;
  Type type;
  uint64_t argument;
};

TEST(CborReader, IntegerExtremes) {
  const IntCase cases[] = {
      {"00", Type::unsigned_int, 0},
      {"17", Type::unsigned_int, 23},
      {"1818", Type::unsigned_int, 24},
      {"18ff", Type::unsigned_int, 255},
      {"190100", Type::unsigned_int, 256},
      {"19ffff", Type::unsigned_int, 65535},
      {"1a00010000", Type::unsigned_int, 65536},
      {"1affffffff", Type::unsigned_int, 0xffffffffu},
      {"1b0000000100000000", Type::unsigned_int, 0x100000000u},
      {"1bffffffffffffffff", Type::unsigned_int, UINT64_MAX},
      {"20", Type::negative_int, 0},
      {"3b7fffffffffffffff", Type::negative_int, 0x7fffffffffffffffu},
      {"3bffffffffffffffff", Type::negative_int, UINT64_MAX},
  };
  for (const IntCase& c : cases) {
    const auto bytes = hex(c.hex);
    Reader r(bytes);
    Item item;
    ASSERT_EQ(r.next(item), Error::ok) << c.hex;
    EXPECT_EQ(item.type, c.type) << c.hex;
    EXPECT_EQ(item.argument, c.argument) << c.hex;
    EXPECT_TRUE(item.preferred) << c.hex;
    EXPECT_TRUE(r.at_end());
  }
}

TEST(CborReader, ReadIntRange) {
  int64_t v = 0;
  auto b = hex("1b7fffffffffffffff");
  EXPECT_EQ(Reader(b).read_int(v), Error::ok);
  EXPECT_EQ(v, INT64_MAX);
  b = hex("3b7fffffffffffffff");
  EXPECT_EQ(Reader(b).read_int(v), Error::ok);
  EXPECT_EQ(v, INT64_MIN);
  b = hex("20");
  EXPECT_EQ(Reader(b).read_int(v), Error::ok);
  EXPECT_EQ(v, -1);
  for (const char* big : {"1b8000000000000000", "3b8000000000000000", "3bffffffffffffffff"}) {
    b = hex(big);
    Reader r(b);
    EXPECT_EQ(r.read_int(v), Error::integer_overflow) << big;
    EXPECT_EQ(r.offset(), 0u) << "nothing consumed";
    Item item;
    EXPECT_EQ(r.next(item), Error::ok) << "not sticky";
  }
  uint64_t u = 0;
  b = hex("20");
  EXPECT_EQ(Reader(b).read_uint(u), Error::wrong_type);
}

TEST(CborReader, NonPreferredHeadsAreAcceptedAndFlagged) {
  for (const char* text :
       {"1800", "1817", "190000", "1900ff", "1a0000ffff", "1b00000000ffffffff", "5800", "780161",
        "9800", "b800", "d80101", "fa3f800000", "fb3ff0000000000000"}) {
    const auto bytes = hex(text);
    Reader r(bytes);
    Item item;
    ASSERT_EQ(r.next(item), Error::ok) << text;
    EXPECT_FALSE(item.preferred) << text;
  }
}

TEST(CborReader, TypedReads) {
  const auto bytes = hex("890120436162636178f5f6fb3ff8000000000000c1009fff");
  Reader r(bytes);
  uint64_t n = 0, u = 0, tag = 0;
  int64_t i = 0;
  std::span<const uint8_t> b;
  std::string_view t;
  bool flag = false;
  double d = 0;
  ASSERT_EQ(r.read_array_header(n), Error::ok);
  EXPECT_EQ(n, 9u);
  EXPECT_EQ(r.read_text(t), Error::wrong_type);
  EXPECT_EQ(r.read_uint(u), Error::ok);
  EXPECT_EQ(u, 1u);
  EXPECT_EQ(r.read_int(i), Error::ok);
  EXPECT_EQ(i, -1);
  EXPECT_EQ(r.read_bytes(b), Error::ok);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(r.read_text(t), Error::ok);
  EXPECT_EQ(t, "x");
  EXPECT_EQ(r.read_null(), Error::wrong_type);
  EXPECT_EQ(r.read_bool(flag), Error::ok);
  EXPECT_TRUE(flag);
  EXPECT_EQ(r.read_bool(flag), Error::wrong_type);
  EXPECT_EQ(r.read_null(), Error::ok);
  EXPECT_EQ(r.read_uint(u), Error::wrong_type);
  EXPECT_EQ(r.read_float(d), Error::ok);
  EXPECT_EQ(d, 1.5);
  EXPECT_EQ(r.read_tag(tag), Error::ok);
  EXPECT_EQ(tag, 1u);
  EXPECT_EQ(r.read_uint(u), Error::ok);
  EXPECT_EQ(r.read_array_header(n), Error::ok);
  EXPECT_EQ(n, cbor::kIndefinite);
  EXPECT_TRUE(r.at_break());
  EXPECT_EQ(r.read_break(), Error::ok);
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(r.finish(), Error::ok);
  EXPECT_EQ(r.read_uint(u), Error::end_of_input);
}

TEST(CborReader, TypedStringReadsRefuseIndefiniteStrings) {
  const auto bytes = hex("5f4101ff7f6161ff");
  Reader r(bytes);
  std::span<const uint8_t> b;
  std::string_view t;
  EXPECT_EQ(r.read_bytes(b), Error::wrong_type);
  EXPECT_EQ(r.skip(), Error::ok);
  EXPECT_EQ(r.read_text(t), Error::wrong_type);
  EXPECT_EQ(r.skip(), Error::ok);
  EXPECT_TRUE(r.at_end());
}

struct ErrorCase {
  const char* hex;
  Error error;
};

TEST(CborReader, EachMalformationHasItsReason) {
  const ErrorCase cases[] = {
      {"18", Error::truncated},
      {"1a010203", Error::truncated},
      {"6261", Error::truncated},
      {"8201", Error::truncated},
      {"a101", Error::truncated},
      {"9f01", Error::truncated},
      {"c1", Error::truncated},
      {"5f41", Error::truncated},
      {"f9", Error::truncated},
      {"9bffffffffffffffff", Error::truncated},  // refused at once, not after 2^64 reads
      {"bb8000000000000000", Error::truncated},
      {"1c", Error::reserved_additional_info},
      {"3d", Error::reserved_additional_info},
      {"5e", Error::reserved_additional_info},
      {"7c", Error::reserved_additional_info},
      {"9d", Error::reserved_additional_info},
      {"be", Error::reserved_additional_info},
      {"dc", Error::reserved_additional_info},
      {"fd", Error::reserved_additional_info},
      {"1f", Error::bad_indefinite},
      {"3f", Error::bad_indefinite},
      {"df", Error::bad_indefinite},
      {"5f6161ff", Error::bad_indefinite},  // text chunk in a byte string
      {"7f4161ff", Error::bad_indefinite},
      {"5f5f4101ffff", Error::bad_indefinite},  // nested indefinite chunk
      {"5f01ff", Error::bad_indefinite},
      {"5f80ff", Error::bad_indefinite},
      {"5fc14101ff", Error::bad_indefinite},
      {"ff", Error::unexpected_break},
      {"81ff", Error::unexpected_break},
      {"a1ff00", Error::unexpected_break},
      {"bf01ff", Error::unexpected_break},  // key without value
      {"9fc1ff", Error::unexpected_break},  // tag without content
      {"f800", Error::bad_simple_value},
      {"f81f", Error::bad_simple_value},
      {"61ff", Error::invalid_utf8},
      {"62c328", Error::invalid_utf8},
      {"7f61ff ff", Error::invalid_utf8},
  };
  for (const ErrorCase& c : cases) {
    std::string compact(c.hex);
    std::erase(compact, ' ');
    EXPECT_EQ(read_all(hex(compact)), c.error) << c.hex;
    EXPECT_STRNE(cbor::describe(c.error), "unknown CBOR error");
  }
}

// Every example of RFC 8949 appendix F.1, refused for the reason the RFC files it under.
TEST(CborReader, RfcAppendixFNotWellFormed) {
  const std::pair<Error, const char*> groups[] = {
      {Error::truncated,  // end of input in a head
       "18,19,1a,1b,1901,1a0102,1b01020304050607,38,58,78,98,9a01ff00,b8,d8,f8,f900,fa0000,"
       "fb000000"},
      {Error::truncated,  // definite-length strings with short data
       "41,61,5affffffff00,5bffffffffffffffff010203,7affffffff00,7b7fffffffffffffff010203"},
      {Error::truncated,  // definite-length containers without enough items, tag without content
       "81,818181818181818181,8200,a1,a20102,a100,a2000000,c0"},
      {Error::truncated,  // indefinite-length items without a break
       "5f4100,7f6100,9f,9f0102,bf,bf01020102,819f,9f8000,9f9f9f9f9fffffffff,9f819f819f9fffffff"},
      {Error::reserved_additional_info,
       "1c,1d,1e,3c,3d,3e,5c,5d,5e,7c,7d,7e,9c,9d,9e,bc,bd,be,dc,dd,de,fc,fd,fe"},
      {Error::bad_simple_value, "f800,f801,f818,f81f"},
      {Error::bad_indefinite,
       "5f00ff,5f21ff,5f6100ff,5f80ff,5fa0ff,5fc000ff,5fe0ff,7f4100ff,5f5f4100ffff,7f7f6100ffff"},
      {Error::unexpected_break,
       "ff,81ff,8200ff,a1ff,a1ff00,a100ff,a20000ff,9f81ff,9f829f819f9fffffffff,bf00ff,bf000000ff"},
      {Error::bad_indefinite, "1f,3f,df"},
  };
  int count = 0;
  for (const auto& [want, list] : groups) {
    std::string items(list);
    for (std::size_t start = 0; start < items.size();) {
      const std::size_t comma = std::min(items.find(',', start), items.size());
      const std::string item = items.substr(start, comma - start);
      const auto bytes = hex(item);
      EXPECT_EQ(read_all(bytes), want) << item;
      Reader r(bytes);
      EXPECT_EQ(r.skip(), want) << item;
      ++count;
      start = comma + 1;
    }
  }
  EXPECT_EQ(count, 94);
}

TEST(CborReader, ErrorsAreSticky) {
  const auto bytes = hex("011c00");
  Reader r(bytes);
  Item item;
  EXPECT_EQ(r.next(item), Error::ok);
  EXPECT_EQ(r.next(item), Error::reserved_additional_info);
  EXPECT_EQ(r.next(item), Error::reserved_additional_info);
  EXPECT_EQ(r.error(), Error::reserved_additional_info);
  EXPECT_EQ(r.finish(), Error::reserved_additional_info);
}

TEST(CborReader, NestingLimit) {
  for (const uint8_t opener : {uint8_t{0x81}, uint8_t{0x9f}, uint8_t{0xc1}, uint8_t{0xa1}}) {
    for (std::size_t depth = cbor::kMaxDepth; depth <= cbor::kMaxDepth + 1; ++depth) {
      std::vector<uint8_t> bytes;
      for (std::size_t i = 0; i < depth; ++i) {
        if (opener == 0xa1) bytes.push_back(0x00);  // key, then the nested map as value
        bytes.insert(bytes.end() - (opener == 0xa1 ? 1 : 0), opener);
      }
      bytes.push_back(0x00);
      for (std::size_t i = 0; opener == 0x9f && i < depth; ++i)
        bytes.push_back(0xff);
      const Error want = depth <= cbor::kMaxDepth ? Error::ok : Error::nesting_too_deep;
      EXPECT_EQ(read_all(bytes), want) << int{opener} << " depth " << depth;
      Reader r(bytes);
      EXPECT_EQ(r.skip(), want);
    }
  }
}

TEST(CborReader, EmptyDefiniteContainersOpenNothing) {
  // Twenty empty arrays deep inside one open array stay within the limit.
  std::vector<uint8_t> bytes = {0x94};
  bytes.insert(bytes.end(), 20, 0x80);
  EXPECT_EQ(read_all(bytes), Error::ok);
}

// A nested item with every major type, indefinite lengths, tags and floats.
const char* const kComplex =
    "a56161830102a1616282f5f66162bf6163c24901000000000000000064f0908591f4ff"
    "6163d8185f42010243030405ff61649f3bffffffffffffffff7f6161ff81fb3ff199999999999aff"
    "6165f97c00";

TEST(CborReader, TruncationAtEveryLength) {
  const auto bytes = hex(kComplex);
  ASSERT_EQ(read_all(bytes), Error::ok);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
    Reader r(cut);
    EXPECT_EQ(r.skip(), n == 0 ? Error::end_of_input : Error::truncated) << n;
    if (n > 0) {
      EXPECT_EQ(read_all(cut), Error::truncated) << n;
    }
  }
}

TEST(CborReader, SkipAndRawSpans) {
  const auto item = hex(kComplex);
  std::vector<uint8_t> bytes = {0x83};
  bytes.insert(bytes.end(), item.begin(), item.end());
  bytes.push_back(0x07);
  bytes.push_back(0x80);
  Reader r(bytes);
  uint64_t n = 0;
  ASSERT_EQ(r.read_array_header(n), Error::ok);
  std::span<const uint8_t> raw;
  ASSERT_EQ(r.read_raw(raw), Error::ok);
  EXPECT_EQ(std::vector<uint8_t>(raw.begin(), raw.end()), item);
  EXPECT_EQ(r.depth(), 1u);
  ASSERT_EQ(r.skip(), Error::ok);
  ASSERT_EQ(r.skip(), Error::ok);
  EXPECT_EQ(r.depth(), 0u);
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(r.skip(), Error::end_of_input);
}

TEST(CborReader, SkipRefusesABreak) {
  const auto bytes = hex("9fff");
  Reader r(bytes);
  uint64_t n = 0;
  ASSERT_EQ(r.read_array_header(n), Error::ok);
  EXPECT_EQ(r.skip(), Error::wrong_type);
  EXPECT_EQ(r.read_break(), Error::ok);
}

TEST(CborReader, FinishReportsLeftovers) {
  auto bytes = hex("0000");
  Reader r(bytes);
  EXPECT_EQ(r.skip(), Error::ok);
  EXPECT_FALSE(r.at_end());
  EXPECT_EQ(r.finish(), Error::trailing_bytes);
  bytes = hex("9f01");
  Reader open(bytes);
  uint64_t n = 0, u = 0;
  ASSERT_EQ(open.read_array_header(n), Error::ok);
  ASSERT_EQ(open.read_uint(u), Error::ok);
  EXPECT_EQ(open.finish(), Error::truncated);
}

TEST(CborReader, PeekDoesNotConsume) {
  const auto bytes = hex("8101");
  Reader r(bytes);
  Item a, b;
  ASSERT_EQ(r.peek(a), Error::ok);
  ASSERT_EQ(r.next(b), Error::ok);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(r.depth(), 1u);
}

TEST(CborReader, SimpleValuesAndFloats) {
  const auto bytes = hex("f0f4f5f6f7f820f8fff90001f97bfffa7f7ffffffb7ff8000000000001");
  Reader r(bytes);
  Item item;
  const uint64_t simple[] = {16, 20, 21, 22, 23, 32, 255};
  for (const uint64_t s : simple) {
    ASSERT_EQ(r.next(item), Error::ok);
    EXPECT_EQ(item.type, Type::simple);
    EXPECT_EQ(item.argument, s);
  }
  ASSERT_EQ(r.next(item), Error::ok);
  EXPECT_EQ(item.float_width, 16);
  EXPECT_EQ(item.float_value(), 5.960464477539063e-8);
  ASSERT_EQ(r.next(item), Error::ok);
  EXPECT_EQ(item.float_value(), 65504.0);
  ASSERT_EQ(r.next(item), Error::ok);
  EXPECT_EQ(item.float_width, 32);
  EXPECT_EQ(item.float_value(), 3.4028234663852886e+38);
  ASSERT_EQ(r.next(item), Error::ok);
  EXPECT_EQ(item.argument, 0x7ff8000000000001u) << "NaN payload kept";
}

struct Utf8Case {
  const char* hex;
  bool valid;
};

TEST(CborUtf8, Validation) {
  const Utf8Case cases[] = {
      {"", true},          {"41", true},    {"c3bc", true},  // U+00FC
      {"dfbf", true},                                        // U+07FF
      {"e0a080", true},                                      // U+0800
      {"ed9fbf", true},                                      // U+D7FF
      {"ee8080", true},                                      // U+E000
      {"efbfbf", true},                                      // U+FFFF
      {"f0908080", true},                                    // U+10000
      {"f48fbfbf", true},                                    // U+10FFFF
      {"80", false},                                         // lone continuation
      {"c0af", false},                                       // overlong '/'
      {"c1bf", false},                                       // overlong
      {"e080af", false},                                     // overlong
      {"f08080af", false},                                   // overlong
      {"eda080", false},                                     // surrogate U+D800
      {"edbfbf", false},                                     // surrogate U+DFFF
      {"f4908080", false},                                   // U+110000
      {"f5808080", false},                                   // lead byte beyond U+10FFFF
      {"ff", false},       {"e6b0", false},                  // truncated
      {"c3", false},                                         // truncated
      {"c328", false},                                       // bad continuation
      {"e6b028", false},                                     // bad third byte
      {"f09085", false},                                     // truncated four-byte
  };
  for (const Utf8Case& c : cases) {
    const auto bytes = hex(c.hex);
    EXPECT_EQ(cbor::valid_utf8(bytes), c.valid) << c.hex;
    std::vector<uint8_t> item = {static_cast<uint8_t>(0x60 + bytes.size())};
    item.insert(item.end(), bytes.begin(), bytes.end());
    EXPECT_EQ(read_all(item), c.valid ? Error::ok : Error::invalid_utf8) << c.hex;
  }
}

TEST(CborUtf8, EachChunkMustBeValidOnItsOwn) {
  // U+00FC split across two chunks: RFC 8949 3.2.3 forbids it.
  EXPECT_EQ(read_all(hex("7f61c361bcff")), Error::invalid_utf8);
  EXPECT_EQ(read_all(hex("7f62c3bcff")), Error::ok);
}

TEST(CborError, StatusMapping) {
  EXPECT_TRUE(cbor::to_status(Error::ok).ok());
  EXPECT_EQ(cbor::to_status(Error::buffer_full).code(), StatusCode::resource_exhausted);
  EXPECT_EQ(cbor::to_status(Error::invalid_utf8).code(), StatusCode::invalid_argument);
  EXPECT_STREQ(cbor::to_status(Error::truncated).message(), cbor::describe(Error::truncated));
}

}  // namespace
}  // namespace tc::test
