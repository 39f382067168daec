// RFC 6690 link-format writer: attribute syntax, escaping, and what happens when it does not fit.
#include <gtest/gtest.h>

#include <string_view>

#include "coap/link_format.hpp"

namespace tc::test {
namespace {

using coap::Link;
using coap::LinkFormatWriter;

TEST(CoapLinkFormat, AttributesAndSeparators) {
  char out[256];
  LinkFormatWriter w(out);
  ASSERT_TRUE(w.add({.path = "/sensors/temp",
                     .rt = "temperature-c",
                     .if_ = "sensor",
                     .ct = 60,
                     .sz = 12,
                     .obs = true})
                  .ok());
  ASSERT_TRUE(w.add({.path = "/hello"}).ok());
  ASSERT_TRUE(w.add({.path = "/c", .ct = 0}).ok());
  EXPECT_EQ(
      w.text(),
      "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";ct=60;sz=12;obs,</hello>,</c>;ct=0");
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.required(), w.text().size());
}

TEST(CoapLinkFormat, EmptyDocument) {
  char out[1];
  LinkFormatWriter w(out);
  EXPECT_EQ(w.text(), "");
  EXPECT_TRUE(w.complete());
}

TEST(CoapLinkFormat, QuotedValuesAreEscaped) {
  char out[64];
  LinkFormatWriter w(out);
  ASSERT_TRUE(w.add({.path = "/q", .rt = "a\"b\\c"}).ok());
  EXPECT_EQ(w.text(), R"(</q>;rt="a\"b\\c")");
}

TEST(CoapLinkFormat, BadTargetsAreRefused) {
  char out[64];
  LinkFormatWriter w(out);
  EXPECT_EQ(w.add({.path = ""}).code(), StatusCode::invalid_argument);
  EXPECT_EQ(w.add({.path = "/a>b"}).code(), StatusCode::invalid_argument);
  EXPECT_EQ(w.add({.path = "/a b"}).code(), StatusCode::invalid_argument);
  EXPECT_EQ(w.required(), 0u);
}

TEST(CoapLinkFormat, OverflowKeepsWholeLinksAndCountsTheRest) {
  const std::string_view full = "</aaaa>;obs,</bb>,</cccc>;ct=40";
  for (std::size_t size = 0; size <= full.size(); ++size) {
    char out[64];
    LinkFormatWriter w(std::span<char>(out, size));
    const bool a = w.add({.path = "/aaaa", .obs = true}).ok();
    const bool b = w.add({.path = "/bb"}).ok();
    const bool c = w.add({.path = "/cccc", .ct = 40}).ok();
    EXPECT_EQ(w.required(), full.size()) << size;
    EXPECT_EQ(w.complete(), size == full.size()) << size;
    EXPECT_EQ(a, size >= 11) << size;
    EXPECT_EQ(b, size >= 17) << size;  // never after a gap
    EXPECT_EQ(c, size == full.size()) << size;
    EXPECT_EQ(w.text(), full.substr(0, a ? (b ? (c ? full.size() : 17) : 11) : 0)) << size;
  }
}

}  // namespace
}  // namespace tc::test
