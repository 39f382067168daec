// Option numbers and properties, the uint / Block / Observe value codecs at their boundaries,
// the typed accessors, and the Uri-Path / Uri-Query helpers.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "coap/accessors.hpp"
#include "coap/block.hpp"
#include "coap/builder.hpp"
#include "coap/observe.hpp"
#include "coap/options.hpp"
#include "coap/uri.hpp"

namespace tc::test {
namespace {

using coap::Block;
using coap::Code;
using coap::ContentFormat;
using coap::Message;
using coap::MessageBuilder;
using coap::OptionNumber;
using coap::Type;
using Bytes = std::vector<uint8_t>;

TEST(CoapOptionNumbers, RegisteredValues) {
  EXPECT_EQ(coap::to_u16(OptionNumber::if_match), 1);
  EXPECT_EQ(coap::to_u16(OptionNumber::observe), 6);
  EXPECT_EQ(coap::to_u16(OptionNumber::uri_path), 11);
  EXPECT_EQ(coap::to_u16(OptionNumber::block2), 23);
  EXPECT_EQ(coap::to_u16(OptionNumber::block1), 27);
  EXPECT_EQ(coap::to_u16(OptionNumber::size1), 60);
  EXPECT_EQ(static_cast<uint16_t>(ContentFormat::link_format), 40);
  EXPECT_EQ(static_cast<uint16_t>(ContentFormat::cbor), 60);
}

// RFC 7252 table 4 columns C, U, N and RFC 7959 / 7641 registrations.
TEST(CoapOptionNumbers, Properties) {
  EXPECT_TRUE(coap::is_critical(OptionNumber::uri_path));
  EXPECT_TRUE(coap::is_critical(OptionNumber::block2));
  EXPECT_TRUE(coap::is_critical(OptionNumber::if_match));
  EXPECT_FALSE(coap::is_critical(OptionNumber::content_format));
  EXPECT_FALSE(coap::is_critical(OptionNumber::observe));
  EXPECT_FALSE(coap::is_critical(OptionNumber::etag));
  EXPECT_TRUE(coap::is_unsafe(OptionNumber::uri_host));
  EXPECT_TRUE(coap::is_unsafe(OptionNumber::max_age));
  EXPECT_TRUE(coap::is_unsafe(OptionNumber::block1));
  EXPECT_FALSE(coap::is_unsafe(OptionNumber::etag));
  EXPECT_FALSE(coap::is_unsafe(OptionNumber::content_format));
  EXPECT_TRUE(coap::is_unsafe(OptionNumber::observe));  // RFC 7641 table 1: U
  EXPECT_TRUE(coap::is_no_cache_key(OptionNumber::size1));
  EXPECT_TRUE(coap::is_no_cache_key(OptionNumber::size2));
  EXPECT_FALSE(coap::is_no_cache_key(OptionNumber::content_format));
  EXPECT_FALSE(coap::is_no_cache_key(OptionNumber::uri_query));
}

TEST(CoapOptionNumbers, Specs) {
  const coap::OptionSpec* host = coap::find_spec(OptionNumber::uri_host);
  ASSERT_NE(host, nullptr);
  EXPECT_FALSE(coap::length_ok(*host, 0));
  EXPECT_TRUE(coap::length_ok(*host, 255));
  EXPECT_FALSE(coap::length_ok(*host, 256));
  EXPECT_TRUE(coap::find_spec(OptionNumber::uri_path)->repeatable);
  EXPECT_EQ(coap::find_spec(OptionNumber::block2)->max_length, 3);
  EXPECT_EQ(coap::find_spec(static_cast<OptionNumber>(9)), nullptr);
}

// ---------------------------------------------------------------------------------------------

Bytes encode_uint(uint32_t value) {
  uint8_t out[4];
  const std::size_t n = coap::encode_uint(value, out);
  return Bytes(out, out + n);
}

TEST(CoapUint, MinimalEncodingAtBoundaries) {
  EXPECT_EQ(encode_uint(0), Bytes{});
  EXPECT_EQ(encode_uint(1), Bytes{1});
  EXPECT_EQ(encode_uint(255), Bytes{0xff});
  EXPECT_EQ(encode_uint(256), (Bytes{1, 0}));
  EXPECT_EQ(encode_uint(0xffff), (Bytes{0xff, 0xff}));
  EXPECT_EQ(encode_uint(0x10000), (Bytes{1, 0, 0}));
  EXPECT_EQ(encode_uint(0xffffff), (Bytes{0xff, 0xff, 0xff}));
  EXPECT_EQ(encode_uint(0x1000000), (Bytes{1, 0, 0, 0}));
  EXPECT_EQ(encode_uint(0xffffffff), (Bytes{0xff, 0xff, 0xff, 0xff}));
}

TEST(CoapUint, Decode) {
  EXPECT_EQ(*coap::decode_uint(Bytes{}), 0u);
  EXPECT_EQ(*coap::decode_uint(Bytes{0x12, 0x34}), 0x1234u);
  EXPECT_EQ(*coap::decode_uint(Bytes{0, 0, 0, 7}), 7u);  // leading zeros are accepted
  EXPECT_EQ(*coap::decode_uint(Bytes{0xff, 0xff, 0xff, 0xff}), 0xffffffffu);
  EXPECT_EQ(coap::decode_uint(Bytes{1, 2, 3, 4, 5}).status().code(), StatusCode::invalid_argument);
  EXPECT_EQ(coap::decode_uint(Bytes{1, 2, 3}, 2).status().code(), StatusCode::invalid_argument);
  for (uint32_t v : {0u, 1u, 300u, 70000u, 0x12345678u})
    EXPECT_EQ(*coap::decode_uint(encode_uint(v)), v);
}

// ---------------------------------------------------------------------------------------------

Bytes encode_block(const Block& b) {
  uint8_t out[3];
  const Result<std::size_t> n = coap::encode_block(b, out);
  EXPECT_TRUE(n.ok());
  return Bytes(out, out + (n.ok() ? *n : 0));
}

// RFC 7959 2.2: NUM << 4 | M << 3 | SZX, as a minimal uint.
TEST(CoapBlock, EncodingAtBoundaries) {
  EXPECT_EQ(encode_block({0, false, 0}), Bytes{});
  EXPECT_EQ(encode_block({0, true, 6}), Bytes{0x0e});
  EXPECT_EQ(encode_block({15, false, 6}), Bytes{0xf6});
  EXPECT_EQ(encode_block({16, false, 6}), (Bytes{0x01, 0x06}));
  EXPECT_EQ(encode_block({4095, true, 2}), (Bytes{0xff, 0xfa}));
  EXPECT_EQ(encode_block({4096, false, 0}), (Bytes{0x01, 0x00, 0x00}));
  EXPECT_EQ(encode_block({coap::kMaxBlockNum, true, 6}), (Bytes{0xff, 0xff, 0xfe}));
  uint8_t out[3];
  EXPECT_EQ(coap::encode_block({coap::kMaxBlockNum + 1, false, 0}, out).status().code(),
            StatusCode::invalid_argument);
  EXPECT_EQ(coap::encode_block({0, false, 7}, out).status().code(), StatusCode::invalid_argument);
}

TEST(CoapBlock, Decode) {
  EXPECT_EQ(*coap::decode_block(Bytes{}), (Block{0, false, 0}));
  EXPECT_EQ(*coap::decode_block(Bytes{0x0e}), (Block{0, true, 6}));
  EXPECT_EQ(*coap::decode_block(Bytes{0x01, 0x06}), (Block{16, false, 6}));
  EXPECT_EQ(*coap::decode_block(Bytes{0xff, 0xff, 0xfe}), (Block{coap::kMaxBlockNum, true, 6}));
  EXPECT_EQ(*coap::decode_block(Bytes{0, 0, 0x0a}), (Block{0, true, 2}));  // leading zeros
  EXPECT_EQ(coap::decode_block(Bytes{0x07}).status().code(), StatusCode::invalid_argument);
  EXPECT_EQ(coap::decode_block(Bytes{0xff, 0xff, 0xff}).status().code(),
            StatusCode::invalid_argument);
  EXPECT_EQ(coap::decode_block(Bytes{0, 0, 0, 0}).status().code(), StatusCode::invalid_argument);
}

TEST(CoapBlock, SizesAndOffsets) {
  EXPECT_EQ((Block{0, false, 0}).size(), 16u);
  EXPECT_EQ((Block{0, false, 6}).size(), 1024u);
  EXPECT_EQ((Block{3, false, 2}).offset(), 192u);
  EXPECT_EQ((Block{coap::kMaxBlockNum, false, 6}).offset(), std::size_t{coap::kMaxBlockNum} * 1024);
  EXPECT_EQ(coap::szx_at_most(0), 0);
  EXPECT_EQ(coap::szx_at_most(31), 0);
  EXPECT_EQ(coap::szx_at_most(64), 2);
  EXPECT_EQ(coap::szx_at_most(1023), 5);
  EXPECT_EQ(coap::szx_at_most(100000), 6);
}

// ---------------------------------------------------------------------------------------------

TEST(CoapObserve, DecodeAndFreshness) {
  EXPECT_EQ(*coap::decode_observe(Bytes{}), coap::kObserveRegister);
  EXPECT_EQ(*coap::decode_observe(Bytes{1}), coap::kObserveDeregister);
  EXPECT_EQ(*coap::decode_observe(Bytes{0xff, 0xff, 0xff}), 0xffffffu);
  EXPECT_EQ(coap::decode_observe(Bytes{0, 0, 0, 1}).status().code(), StatusCode::invalid_argument);
  EXPECT_TRUE(coap::observe_newer(1, 2));
  EXPECT_FALSE(coap::observe_newer(2, 1));
  EXPECT_FALSE(coap::observe_newer(5, 5));
  EXPECT_TRUE(coap::observe_newer(0xfffffe, 3));  // wrapped
  EXPECT_FALSE(coap::observe_newer(3, 0xfffffe));
  EXPECT_FALSE(coap::observe_newer(0, 1u << 23));  // exactly half way is not newer
}

// ---------------------------------------------------------------------------------------------

TEST(CoapAccessors, TypedReads) {
  uint8_t storage[64];
  MessageBuilder b(Type::confirmable, Code::get, 1, storage);
  b.uint_option(OptionNumber::observe, 0)
      .block(OptionNumber::block2, {2, false, 4})
      .content_format(ContentFormat::cbor)
      .uint_option(OptionNumber::accept, 40)
      .uint_option(OptionNumber::max_age, 0x10000);
  ASSERT_TRUE(b.status().ok());
  const Message& m = b.message();
  EXPECT_EQ(*coap::get_observe(m), 0u);
  EXPECT_EQ(*coap::get_block(m, OptionNumber::block2), (Block{2, false, 4}));
  EXPECT_EQ(coap::get_block(m, OptionNumber::block1).status().code(), StatusCode::not_found);
  EXPECT_EQ(*coap::get_format(m, OptionNumber::content_format), ContentFormat::cbor);
  EXPECT_EQ(*coap::get_format(m, OptionNumber::accept), ContentFormat::link_format);
  EXPECT_EQ(*coap::get_uint(m, OptionNumber::max_age), 0x10000u);
  EXPECT_EQ(coap::get_uint(m, OptionNumber::size2).status().code(), StatusCode::not_found);
}

TEST(CoapAccessors, RegisteredLengthLimits) {
  uint8_t storage[64];
  MessageBuilder b(storage);
  b.option(OptionNumber::content_format, Bytes{0, 0, 1})
      .option(OptionNumber::observe, Bytes{0, 0, 0, 1});
  const Message& m = b.message();
  EXPECT_EQ(coap::get_uint(m, OptionNumber::content_format).status().code(),
            StatusCode::invalid_argument);
  EXPECT_EQ(coap::get_format(m, OptionNumber::content_format).status().code(),
            StatusCode::invalid_argument);
  EXPECT_EQ(coap::get_observe(m).status().code(), StatusCode::invalid_argument);
}

TEST(CoapAccessors, BadCriticalOptions) {
  uint8_t storage[300];
  {
    MessageBuilder b(storage);
    b.path("/a/b").content_format(ContentFormat::json).option(static_cast<OptionNumber>(2), "e");
    EXPECT_EQ(coap::first_bad_critical_option(b.message()), nullptr);  // unknown elective: fine
  }
  {
    MessageBuilder b(storage);
    b.path("/a").option(static_cast<OptionNumber>(9), "x");  // unknown critical
    const coap::Option* bad = coap::first_bad_critical_option(b.message());
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(coap::to_u16(bad->number), 9);
  }
  {
    MessageBuilder b(storage);
    b.option(OptionNumber::uri_host, "");  // Uri-Host is 1..255 bytes
    EXPECT_NE(coap::first_bad_critical_option(b.message()), nullptr);
  }
  {
    MessageBuilder b(storage);
    b.option(OptionNumber::uri_path, std::string(256, 'p'));
    EXPECT_NE(coap::first_bad_critical_option(b.message()), nullptr);
  }
  {
    MessageBuilder b(storage);
    b.block(OptionNumber::block2, {0, false, 1}).block(OptionNumber::block2, {1, false, 1});
    const coap::Option* bad = coap::first_bad_critical_option(b.message());
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad, &b.message().options()[1]);  // the second occurrence is the offender
  }
  {
    MessageBuilder b(storage);
    b.content_format(ContentFormat::json).content_format(ContentFormat::cbor);  // elective repeat
    EXPECT_EQ(coap::first_bad_critical_option(b.message()), nullptr);
  }
}

// ---------------------------------------------------------------------------------------------

Message with_path(std::span<uint8_t> storage, std::initializer_list<std::string_view> segments) {
  MessageBuilder b(storage);
  for (std::string_view s : segments)
    b.option(OptionNumber::uri_path, s);
  EXPECT_TRUE(b.status().ok());
  return b.message();
}

TEST(CoapUri, PathEquals) {
  uint8_t storage[128];
  const Message none = with_path(storage, {});
  EXPECT_TRUE(coap::path_equals(none, "/"));
  EXPECT_TRUE(coap::path_equals(none, ""));
  EXPECT_FALSE(coap::path_equals(none, "/a"));

  const Message ab = with_path(storage, {".well-known", "core"});
  EXPECT_TRUE(coap::path_equals(ab, "/.well-known/core"));
  EXPECT_TRUE(coap::path_equals(ab, ".well-known/core"));
  EXPECT_FALSE(coap::path_equals(ab, "/.well-known"));
  EXPECT_FALSE(coap::path_equals(ab, "/.well-known/core/"));
  EXPECT_FALSE(coap::path_equals(ab, "/.well-known/core/x"));
  EXPECT_FALSE(coap::path_equals(ab, "/"));

  uint8_t storage2[128];
  const Message trailing = with_path(storage2, {"a", ""});
  EXPECT_TRUE(coap::path_equals(trailing, "/a/"));
  EXPECT_FALSE(coap::path_equals(trailing, "/a"));

  uint8_t storage3[128];
  const Message slash = with_path(storage3, {"a/b"});  // one segment holding '/'
  EXPECT_FALSE(coap::path_equals(slash, "/a/b"));
}

TEST(CoapUri, JoinPath) {
  uint8_t storage[128];
  char out[64];
  EXPECT_EQ(*coap::join_path(with_path(storage, {}), out), "/");
  EXPECT_EQ(*coap::join_path(with_path(storage, {"seg1", "seg2", "seg3"}), out), "/seg1/seg2/seg3");
  EXPECT_EQ(*coap::join_path(with_path(storage, {"a/b", "c d", "%", "ok:@"}), out),
            "/a%2Fb/c%20d/%25/ok:@");
  EXPECT_EQ(*coap::join_path(with_path(storage, {"x", ""}), out), "/x/");
  const Message m = with_path(storage, {"abc", "def"});
  char small[8];
  EXPECT_EQ(*coap::join_path(m, small), "/abc/def");
  EXPECT_EQ(coap::join_path(m, std::span<char>(small).first(7)).status().code(),
            StatusCode::out_of_range);
}

TEST(CoapUri, QueryValue) {
  uint8_t storage[128];
  MessageBuilder b(storage);
  b.query("first=1&second=2&flag&rt=core.rd");
  ASSERT_TRUE(b.status().ok());
  const Message& m = b.message();
  EXPECT_EQ(*coap::query_value(m, "first"), "1");
  EXPECT_EQ(*coap::query_value(m, "second"), "2");
  EXPECT_EQ(*coap::query_value(m, "flag"), "");
  EXPECT_EQ(*coap::query_value(m, "rt"), "core.rd");
  EXPECT_EQ(coap::query_value(m, "fir").status().code(), StatusCode::not_found);
  EXPECT_EQ(coap::query_value(m, "third").status().code(), StatusCode::not_found);
}

}  // namespace
}  // namespace tc::test
