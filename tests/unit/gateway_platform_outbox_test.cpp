// The platform outbox (gateway/platform/outbox): items in id order, acknowledged ones forgotten,
// a cap that turns the oldest into a `gap` item, and items that survive reopening the database.
#include <gtest/gtest.h>

#include "common/json.hpp"
#include "gateway_test_support.hpp"
#include "platform/outbox.hpp"
#include "store/schema.hpp"

namespace tc::gw {
namespace {

class PlatformOutbox : public ::testing::Test {
 protected:
  PlatformOutbox() { open(); }
  void open() {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    migrate(*db_);
  }
  static std::string item(int n) { return json_text(Json{{"n", n}}); }

  test::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(PlatformOutbox, ItemsComeOutInIdOrder) {
  Outbox box(*db_);
  const int64_t first = box.add("event", item(1));
  const int64_t second = box.add("usage", item(2));
  EXPECT_LT(first, second);
  const std::vector<OutboxItem> items = box.oldest(10);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].id, first);
  EXPECT_EQ(items[0].kind, "event");
  EXPECT_EQ(items[1].kind, "usage");
  EXPECT_EQ(items[1].data, item(2));
  EXPECT_EQ(box.oldest(1).size(), 1U);
  EXPECT_EQ(box.pending(), 2U);
}

TEST_F(PlatformOutbox, AcknowledgedItemsAreForgotten) {
  Outbox box(*db_);
  const int64_t a = box.add("event", item(1));
  box.add("event", item(2));
  const int64_t c = box.add("event", item(3));
  box.acknowledge(a);
  EXPECT_EQ(box.pending(), 2U);
  EXPECT_EQ(box.oldest(10).front().data, item(2));
  box.acknowledge(c);
  EXPECT_EQ(box.pending(), 0U);
  EXPECT_TRUE(box.oldest(10).empty());
  box.acknowledge(c);  // an ack again changes nothing
  EXPECT_EQ(box.pending(), 0U);
}

TEST_F(PlatformOutbox, PastTheCapTheOldestBecomeAGap) {
  Outbox box(*db_, 4);
  for (int n = 1; n <= 4; ++n)
    box.add("event", item(n));
  box.add("event", item(5));
  std::vector<OutboxItem> items = box.oldest(10);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[0].kind, "gap");
  EXPECT_EQ(Json::parse(items[0].data)["dropped"], 2);  // 1 and 2 gone, the gap in their place
  EXPECT_EQ(items[1].data, item(3));
  EXPECT_EQ(items[3].data, item(5));
  box.add("event", item(6));
  items = box.oldest(10);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[0].kind, "gap");
  EXPECT_EQ(Json::parse(items[0].data)["dropped"], 3);
  EXPECT_EQ(items[1].data, item(4));
  EXPECT_EQ(box.pending(), 4U);
}

TEST_F(PlatformOutbox, SurvivesReopeningTheDatabase) {
  int64_t second = 0;
  {
    Outbox box(*db_);
    box.add("event", item(1));
    second = box.add("usage", item(2));
  }
  db_.reset();
  open();
  Outbox box(*db_);
  EXPECT_EQ(box.pending(), 2U);
  EXPECT_EQ(box.oldest(10).back().id, second);
  EXPECT_GT(box.add("event", item(3)), second);  // ids never go back
}

TEST_F(PlatformOutbox, EventsBodyCarriesIdKindAndData) {
  const Json body = Json::parse(
      events_body({{7, "event", R"({"type":"x","device":"d1"})"}, {8, "gap", R"({"dropped":2})"}}));
  ASSERT_EQ(body["items"].size(), 2U);
  EXPECT_EQ(body["items"][0]["id"], 7);
  EXPECT_EQ(body["items"][0]["kind"], "event");
  EXPECT_EQ(body["items"][0]["data"]["device"], "d1");
  EXPECT_EQ(body["items"][1]["data"]["dropped"], 2);
}

}  // namespace
}  // namespace tc::gw
