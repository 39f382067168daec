// Server: /.well-known/core with RFC 6690 filtering, the resource tree, and PayloadWriter.
#include "coap/discovery.hpp"
#include "coap/payload_writer.hpp"
#include "coap/resource_tree.hpp"
#include "coap_server_fixture.hpp"

namespace tc::coap::testing {
namespace {

class DiscoveryTest : public ServerTest {
 protected:
  DiscoveryTest() {
    add({.path = "/hello", .handler = &h, .rt = "greeting", .ct = 0});
    add({.path = "/large", .handler = &h, .rt = "block", .sz = 3000});
    add({.path = "/counter",
         .handler = &h,
         .rt = "counter sensor",
         .if_ = "core.s",
         .ct = 0,
         .observable = true});
    add({.path = "/secret", .handler = &h, .hidden = true});
  }
  std::string links(std::string_view query = {}) {
    const auto out = get("/.well-known/core", [&](MessageBuilder& b) {
      if (!query.empty()) b.query(query);
    });
    EXPECT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].m.code, Code::content);
    EXPECT_EQ(out[0].uint(OptionNumber::content_format), 40u);
    return out[0].payload();
  }
  FnHandler h{[](const Request&, Response& r) { r.append("x"); }};
};

TEST_F(DiscoveryTest, ListsVisibleResources) {
  EXPECT_EQ(links(),
            "</hello>;rt=\"greeting\";ct=0,</large>;rt=\"block\";sz=3000,"
            "</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
}

TEST_F(DiscoveryTest, FiltersByQuery) {
  EXPECT_EQ(links("rt=greeting"), "</hello>;rt=\"greeting\";ct=0");
  EXPECT_EQ(links("rt=sensor"), "</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
  EXPECT_EQ(links("rt=bl*"), "</large>;rt=\"block\";sz=3000");
  EXPECT_EQ(links("href=/large"), "</large>;rt=\"block\";sz=3000");
  EXPECT_EQ(links("href=/c*"), "</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
  EXPECT_EQ(links("if=core.s"), "</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
  EXPECT_EQ(links("sz=3000"), "</large>;rt=\"block\";sz=3000");
  EXPECT_EQ(
      links("ct=0"),
      "</hello>;rt=\"greeting\";ct=0,</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
  EXPECT_EQ(links("obs"), "</counter>;rt=\"counter sensor\";if=\"core.s\";ct=0;obs");
  EXPECT_EQ(links("rt=nothing"), "");
  EXPECT_EQ(links("title=x"), "");
}

TEST_F(DiscoveryTest, OnlyGetAndLinkFormat) {
  EXPECT_EQ(send(Type::confirmable, Code::post, 1, "/.well-known/core")[0].m.code,
            Code::method_not_allowed);
  const auto cbor =
      get("/.well-known/core", [](MessageBuilder& b) { b.uint_option(OptionNumber::accept, 60); });
  EXPECT_EQ(cbor[0].m.code, Code::not_acceptable);
}

TEST_F(DiscoveryTest, LargeDocumentIsServedBlockwise) {
  const std::string whole = links();
  std::string got;
  for (uint32_t num = 0;; ++num) {
    const auto out = get("/.well-known/core", [&](MessageBuilder& b) {
      b.block(OptionNumber::block2, {num, false, 0});
    });
    got += out[0].payload();
    if (!out[0].block(OptionNumber::block2)->more) break;
  }
  EXPECT_EQ(got, whole);
}

TEST(ResourceTreeTest, ExactBeatsPrefixAndLongestPrefixWins) {
  std::array<Resource, 4> slots{};
  ResourceTree tree(slots);
  FnHandler h{[](const Request&, Response&) {}};
  const ResourceId c = *tree.add({.path = "/c", .prefix = true, .handler = &h});
  const ResourceId app = *tree.add({.path = "/c/app", .prefix = true, .handler = &h});
  const ResourceId exact = *tree.add({.path = "/c/app/info", .handler = &h});
  const auto find = [&](std::string_view path) {
    uint8_t storage[64];
    MessageBuilder b(Type::confirmable, Code::get, 1, storage);
    b.path(path);
    return tree.find(b.message());
  };
  EXPECT_EQ(find("/c/app/info")->id, exact);
  EXPECT_EQ(find("/c/app/info/x")->id, app);
  EXPECT_EQ(find("/c/app/info/x")->depth, 2u);
  EXPECT_EQ(find("/c/app")->id, app);
  EXPECT_EQ(find("/c/other")->id, c);
  EXPECT_FALSE(find("/d").has_value());
  EXPECT_FALSE(find("/capp").has_value());
  EXPECT_EQ(tree.add({.path = "/c/app/info", .handler = &h}).status().code(),
            StatusCode::failed_precondition);
  EXPECT_EQ(tree.add({.path = "relative", .handler = &h}).status().code(),
            StatusCode::invalid_argument);
  EXPECT_EQ(tree.add({.path = "/x"}).status().code(), StatusCode::invalid_argument);
  EXPECT_TRUE(tree.add({.path = "/x", .handler = &h}).ok());
  EXPECT_EQ(tree.add({.path = "/y", .handler = &h}).status().code(),
            StatusCode::resource_exhausted);
  EXPECT_TRUE(tree.remove(c).ok());
  EXPECT_FALSE(find("/c/other").has_value());
  EXPECT_EQ(tree.remove(c).code(), StatusCode::not_found);
}

TEST(PayloadWriterTest, KeepsOnlyTheWindowAndCountsEverything) {
  uint8_t window[4];
  PayloadWriter w(window, 3);
  w.append(std::string_view("abcdefghij"));
  EXPECT_EQ(w.total(), 10u);
  EXPECT_EQ(text(w.window()), "defg");
  PayloadWriter short_body(window, 8);
  short_body.append(std::string_view("abcdefghij"));
  EXPECT_EQ(text(short_body.window()), "ij");
  PayloadWriter past(window, 20);
  past.append(std::string_view("abc"));
  EXPECT_TRUE(past.window().empty());
}

TEST(PayloadWriterTest, SkipJumpsToTheWindow) {
  uint8_t window[4];
  PayloadWriter w(window, 1000);
  w.skip(998);
  w.append(std::string_view("xyzw"));
  EXPECT_EQ(w.total(), 1002u);
  EXPECT_EQ(text(w.window()), "zw");
  PayloadWriter z(window, 2);
  z.append(std::string_view("a"));
  z.skip(3);  // bytes 1..3: 2 and 3 are in the window and read as zero
  z.append_decimal(7);
  EXPECT_EQ(z.window().size(), 3u);
  EXPECT_EQ(z.window()[0], 0);
  EXPECT_EQ(z.window()[2], '7');
}

TEST(PayloadWriterTest, TagCoversTheWholeRepresentationWhateverTheWindow) {
  uint8_t first[4];
  uint8_t second[16];
  PayloadWriter a(first, 0);
  PayloadWriter b(second, 8);
  a.append(std::string_view("abcdefghij"));
  b.append(std::string_view("abcdefghij"));
  EXPECT_EQ(a.tag(), b.tag());
  PayloadWriter known(first, 0);
  known.append(std::string_view("foobar"));
  EXPECT_EQ(known.tag(), 0xBF9CF968U);  // FNV-1a 32 of "foobar" in the algorithm's test suite
  PayloadWriter changed(first, 0);
  changed.append(std::string_view("abcdefghiJ"));  // a change past the window still shows
  EXPECT_NE(changed.tag(), a.tag());
  PayloadWriter skipped(first, 0);
  PayloadWriter skipped_more(first, 0);
  skipped.skip(3);
  skipped_more.skip(4);
  EXPECT_NE(skipped.tag(), skipped_more.tag());
}

}  // namespace
}  // namespace tc::coap::testing
