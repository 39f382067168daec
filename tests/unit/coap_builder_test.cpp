// MessageBuilder: option values land in caller storage, paths and queries split into options,
// errors are sticky and surface at serialize().
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "coap/builder.hpp"

namespace tc::test {
namespace {

using coap::Code;
using coap::ContentFormat;
using coap::MessageBuilder;
using coap::OptionNumber;
using coap::Type;
using Bytes = std::vector<uint8_t>;

Bytes build(const MessageBuilder& b) {
  Bytes out(256);
  const Result<std::size_t> n = b.serialize(out);
  EXPECT_TRUE(n.ok()) << n.status().message();
  out.resize(n.ok() ? *n : 0);
  return out;
}

// What `coap-client -m get coap://h/seg1/seg2?x=1 -T cafe -A 60` sends, byte by byte.
TEST(CoapBuilder, GetRequestBytes) {
  uint8_t storage[64];
  MessageBuilder b(Type::confirmable, Code::get, 0x1234, storage);
  const uint8_t token[] = {0xca, 0xfe};
  b.token(token).query("x=1").path("/seg1/seg2").uint_option(OptionNumber::accept, 60);
  const Bytes expected = {0x42, 0x01, 0x12, 0x34, 0xca, 0xfe,                      // header, token
                          0xb4, 's',  'e',  'g',  '1',  0x04, 's', 'e', 'g', '2',  // Uri-Path ×2
                          0x43, 'x',  '=',  '1',                                   // Uri-Query (15)
                          0x21, 60};                                               // Accept (17)
  EXPECT_EQ(build(b), expected);
  EXPECT_EQ(b.storage_used(), 12u);
}

TEST(CoapBuilder, ResponseWithBlockAndPayload) {
  uint8_t storage[16];
  MessageBuilder b(Type::acknowledgement, Code::content, 7, storage);
  b.content_format(ContentFormat::text_plain).block(OptionNumber::block2, {1, true, 0});
  b.payload(std::string_view("0123456789abcdef"));
  const Bytes expected = {0x60, 0x45, 0x00, 0x07,
                          0xc0,        // Content-Format 12, value 0 → empty
                          0xb1, 0x18,  // Block2 23: delta 11, NUM 1, M, SZX 0
                          0xff, '0',  '1',  '2',  '3', '4', '5', '6', '7',
                          '8',  '9',  'a',  'b',  'c', 'd', 'e', 'f'};
  EXPECT_EQ(build(b), expected);
}

TEST(CoapBuilder, PathEdgeCases) {
  uint8_t storage[32];
  MessageBuilder root(storage);
  root.path("/").path("");
  EXPECT_TRUE(root.message().options().empty());

  MessageBuilder trailing(storage);
  trailing.path("/a//b/");
  ASSERT_EQ(trailing.message().options().size(), 4u);
  EXPECT_EQ(trailing.message().options()[1].text(), "");
  EXPECT_EQ(trailing.message().options()[3].text(), "");

  MessageBuilder location(storage);
  location.path("/c/1", OptionNumber::location_path).query("k=v", OptionNumber::location_query);
  EXPECT_EQ(location.message().find(OptionNumber::location_path)->text(), "c");
  EXPECT_EQ(location.message().find(OptionNumber::location_query)->text(), "k=v");
}

TEST(CoapBuilder, ValuesAreCopiedIntoStorage) {
  uint8_t storage[16];
  MessageBuilder b(storage);
  {
    std::string temp = "abc";
    b.option(OptionNumber::etag, temp);
    temp = "zzz";
  }
  EXPECT_EQ(b.message().find(OptionNumber::etag)->text(), "abc");
  EXPECT_EQ(b.message().find(OptionNumber::etag)->value.data(), storage);
}

TEST(CoapBuilder, StorageOverflowIsStickyAndSurfaces) {
  uint8_t storage[4];
  MessageBuilder b(Type::confirmable, Code::get, 1, storage);
  b.path("/abc").path("/de").path("/f");  // "de" no longer fits: everything after is ignored
  EXPECT_EQ(b.status().code(), StatusCode::resource_exhausted);
  EXPECT_EQ(b.message().options().size(), 1u);
  uint8_t out[64];
  EXPECT_EQ(b.serialize(out).status().code(), StatusCode::resource_exhausted);
}

TEST(CoapBuilder, OptionCapacityAndBadValuesSurface) {
  uint8_t storage[64];
  MessageBuilder many(storage);
  for (std::size_t i = 0; i <= coap::kMaxOptions; ++i)
    many.empty_option(OptionNumber::if_none_match);
  EXPECT_EQ(many.status().code(), StatusCode::resource_exhausted);

  MessageBuilder block(storage);
  block.block(OptionNumber::block1, {0, false, 7});
  EXPECT_EQ(block.status().code(), StatusCode::invalid_argument);

  MessageBuilder token(storage);
  const uint8_t long_token[9] = {};
  token.token(long_token);
  EXPECT_EQ(token.status().code(), StatusCode::invalid_argument);
}

TEST(CoapBuilder, OutputBufferTooSmall) {
  uint8_t storage[16];
  MessageBuilder b(Type::non_confirmable, Code::post, 2, storage);
  b.path("/x").payload(std::string_view("payload"));
  uint8_t out[12];
  EXPECT_EQ(b.serialize(out).status().code(), StatusCode::out_of_range);
  uint8_t exact[14];
  EXPECT_EQ(*b.serialize(exact), 14u);
}

}  // namespace
}  // namespace tc::test
