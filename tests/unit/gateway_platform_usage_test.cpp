// Usage metering (gateway/platform/usage_meter): deltas between readings, a counter that went
// down counting from zero, nothing queued when nothing grew, readings kept across a restart.
#include <gtest/gtest.h>

#include "common/json.hpp"
#include "gateway_test_support.hpp"
#include "platform/usage_meter.hpp"
#include "store/schema.hpp"

namespace tc::gw {
namespace {

UsageCounters counters(uint64_t base) {
  return {base, base * 10, base * 2, base * 3, base * 4, base * 5, base * 6};
}

TEST(PlatformUsage, DeltaOfEachCounter) {
  const UsageCounters d = usage_delta(counters(1), counters(3));
  EXPECT_EQ(d, (UsageCounters{2, 20, 4, 6, 8, 10, 12}));
}

TEST(PlatformUsage, ACounterThatWentDownCountsFromZero) {
  UsageCounters now = counters(5);
  now.instructions = 7;  // below 50: reset
  const UsageCounters d = usage_delta(counters(5), now);
  EXPECT_EQ(d.instructions, 7U);
  EXPECT_EQ(d.activations, 0U);
}

TEST(PlatformUsage, CountersFromAContainerStatus) {
  const Json status = {{"name", "x"},
                       {"stats",
                        {{"activations", 60},
                         {"instructions", 180000},
                         {"cpu_us", 2100},
                         {"endpoint_calls", 120},
                         {"bytes_read", 0},
                         {"bytes_written", 480},
                         {"energy_uj", 900},
                         {"missed_loops", 1}}}};
  EXPECT_EQ(usage_counters(status), (UsageCounters{60, 180000, 2100, 120, 0, 480, 900}));
  EXPECT_FALSE(usage_counters(Json{{"name", "x"}}));
  EXPECT_FALSE(usage_counters(Json::array()));
}

class PlatformUsageMeter : public ::testing::Test {
 protected:
  PlatformUsageMeter() { open(); }
  void open() {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    migrate(*db_);
    outbox_ = std::make_unique<Outbox>(*db_);
    meter_ = std::make_unique<UsageMeter>(*db_, *outbox_);
  }
  Json last_item() { return Json::parse(outbox_->oldest(1000).back().data); }

  test::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<UsageMeter> meter_;
};

TEST_F(PlatformUsageMeter, FirstReadingCountsFromZeroThenDeltas) {
  ASSERT_NE(meter_->record({"d1", "thermo", "acme", 1000, counters(2)}), 0);
  Json item = last_item();
  EXPECT_EQ(item["from_ms"], 0);
  EXPECT_EQ(item["to_ms"], 1000);
  EXPECT_EQ(item["activations"], 2);
  EXPECT_EQ(item["tenant"], "acme");
  ASSERT_NE(meter_->record({"d1", "thermo", "acme", 2000, counters(5)}), 0);
  item = last_item();
  EXPECT_EQ(item["from_ms"], 1000);
  EXPECT_EQ(item["activations"], 3);
  EXPECT_EQ(item["instructions"], 30);
  EXPECT_EQ(item["device"], "d1");
  EXPECT_EQ(item["container"], "thermo");
}

TEST_F(PlatformUsageMeter, NothingGrewNothingQueued) {
  meter_->record({"d1", "thermo", "acme", 1000, counters(2)});
  EXPECT_EQ(meter_->record({"d1", "thermo", "acme", 2000, counters(2)}), 0);
  EXPECT_EQ(outbox_->pending(), 1U);
}

TEST_F(PlatformUsageMeter, ContainersAreMeteredApart) {
  meter_->record({"d1", "a", "t", 1000, counters(2)});
  meter_->record({"d1", "b", "t", 1000, counters(2)});
  meter_->record({"d2", "a", "t", 1000, counters(2)});
  EXPECT_EQ(outbox_->pending(), 3U);
}

TEST_F(PlatformUsageMeter, ResetAfterReinstallCountsFromZero) {
  meter_->record({"d1", "thermo", "acme", 1000, counters(50)});
  meter_->record({"d1", "thermo", "acme", 2000, counters(4)});
  EXPECT_EQ(last_item()["activations"], 4);
}

TEST_F(PlatformUsageMeter, ReadingsSurviveARestart) {
  meter_->record({"d1", "thermo", "acme", 1000, counters(2)});
  meter_.reset();
  outbox_.reset();
  db_.reset();
  open();
  ASSERT_NE(meter_->record({"d1", "thermo", "acme", 2000, counters(3)}), 0);
  EXPECT_EQ(last_item()["activations"], 1);  // not counted twice
  EXPECT_EQ(last_item()["from_ms"], 1000);
  EXPECT_EQ(outbox_->pending(), 2U);
}

}  // namespace
}  // namespace tc::gw
