// SimResources (ports/native): the simulation signals, actuator history, byte resources.
#include <gtest/gtest.h>

#include <cstdlib>

#include "native_ports.hpp"
#include "sim_resources.hpp"

namespace {

using namespace tc;

class FakeClock final : public agent::Clock {
 public:
  [[nodiscard]] uint64_t now_ms() const override { return ms; }
  [[nodiscard]] uint64_t now_us() const override { return ms * 1000; }
  uint64_t ms = 0;
};

manifest::BoardProfile board() {
  manifest::BoardProfile b;
  auto add = [&](const char* name, manifest::ResourceKind kind, manifest::ValueType type,
                 int64_t min, int64_t max, manifest::Signal sig) {
    manifest::BoardResource& r = b.resources[b.resource_count++];
    r.name.assign(name);
    r.kind = kind;
    r.type = type;
    r.min_value = min;
    r.max_value = max;
    r.max_bytes = type == manifest::ValueType::bytes ? 64 : 0;
    r.access = manifest::default_access(kind);
    r.signal = sig;
  };
  using S = manifest::SignalShape;
  add("sensor/sine", manifest::ResourceKind::sensor, manifest::ValueType::integer, -4000, 8500,
      {S::sine, 2150, 350, 1000, 0});
  add("sensor/walk", manifest::ResourceKind::sensor, manifest::ValueType::integer, 0, 100,
      {S::random_walk, 90, 0, 0, 3});
  add("sensor/square", manifest::ResourceKind::sensor, manifest::ValueType::integer, 0, 180,
      {S::square, 10, 8, 1000, 0});
  add("sensor/const", manifest::ResourceKind::sensor, manifest::ValueType::integer, 0, 100,
      {S::constant, 42, 0, 0, 0});
  add("actuator/level", manifest::ResourceKind::actuator, manifest::ValueType::integer, 0, 100, {});
  add("radio/scan", manifest::ResourceKind::radio, manifest::ValueType::bytes, 0, 0, {});
  return b;
}

TEST(DeviceSim, SineSquareConstant) {
  const manifest::BoardProfile b = board();
  FakeClock clock;
  native::SimResources sim(b, clock, 7);
  EXPECT_EQ(sim.sample(0, 0), 2150);
  EXPECT_EQ(sim.sample(0, 250), 2500);  // a quarter period: the peak
  EXPECT_EQ(sim.sample(0, 750), 1800);
  EXPECT_EQ(sim.sample(2, 100), 18);
  EXPECT_EQ(sim.sample(2, 600), 2);
  EXPECT_EQ(sim.sample(3, 12345), 42);
  clock.ms = 250;
  EXPECT_EQ(*sim.read_value(0), 2500);
}

TEST(DeviceSim, RandomWalkIsBoundedSeededAndMoves) {
  const manifest::BoardProfile b = board();
  FakeClock clock;
  native::SimResources a(b, clock, 7), again(b, clock, 7);
  int64_t prev = 90;
  bool moved = false;
  for (int i = 0; i < 1000; ++i) {
    const int64_t v = *a.read_value(1);
    EXPECT_EQ(v, *again.read_value(1));  // same seed, same series
    EXPECT_LE(std::llabs(v - prev), 3);
    EXPECT_GE(v, 0);
    EXPECT_LE(v, 100);
    moved = moved || v != 90;
    prev = v;
  }
  EXPECT_TRUE(moved);
}

TEST(DeviceSim, ActuatorWritesAreRecordedAndBounded) {
  const manifest::BoardProfile b = board();
  FakeClock clock;
  native::SimResources sim(b, clock, 1);
  for (int i = 0; i < 20; ++i) {
    clock.ms = 100 * static_cast<uint64_t>(i);
    ASSERT_TRUE(sim.write_value(4, i).ok());
  }
  EXPECT_EQ(*sim.read_value(4), 19);
  mgmt::ResourceWrite w[32];
  const std::size_t n = sim.writes(4, w);
  ASSERT_EQ(n, native::SimResources::kHistory);
  EXPECT_EQ(w[n - 1].value, 19);  // newest last
  EXPECT_EQ(w[n - 1].time_ms, 1900u);
  EXPECT_EQ(w[0].value, 4);
  EXPECT_TRUE(sim.info(4).writable);
  EXPECT_FALSE(sim.info(0).writable);
}

TEST(DeviceSim, RadioScanReturnsWholeRecords) {
  const manifest::BoardProfile b = board();
  FakeClock clock;
  native::SimResources sim(b, clock, 3);
  uint8_t buffer[256];
  const Result<uint32_t> n = sim.read_bytes(5, buffer);
  ASSERT_TRUE(n.ok());
  EXPECT_GE(*n, 16u);
  EXPECT_LE(*n, 64u);  // max_bytes
  EXPECT_EQ(*n % 8, 0u);
  for (uint32_t k = 0; k < *n; k += 8) {
    EXPECT_LE(static_cast<int8_t>(buffer[k + 6]), -35);
    EXPECT_GE(buffer[k + 7], 1);
    EXPECT_LE(buffer[k + 7], 13);
  }
  EXPECT_EQ(sim.info(5).type, agent::ValueType::bytes);
}

}  // namespace
