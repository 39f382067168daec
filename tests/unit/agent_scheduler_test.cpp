// The scheduler: loop periods on a fake clock, fuel and watchdog violations leading to strikes,
// back-off restarts and faulted; CPU share throttling; tc_sleep_until; hostile containers
// contained while a good one keeps its loop period.
#include <gtest/gtest.h>

#include "agent_fakes.hpp"

namespace tc::agent::test {
namespace {

manifest::Manifest fast(const std::string& name, uint32_t period_ms = 10) {
  manifest::Manifest m = make_manifest(name);
  m.timing.loop_period_ms = period_ms;
  return m;
}

TEST(AgentScheduler, LoopPeriodsFollowTheClock) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("ticker", fast("a", 100)).ok());
  ASSERT_TRUE(h.install("ticker", fast("b", 250)).ok());
  ASSERT_TRUE(h.agent->start("a").ok());
  ASSERT_TRUE(h.agent->start("b").ok());
  EXPECT_EQ(h.agent->poll(0), 100u);  // nothing due yet; the next is a's first loop
  h.run_until(1000);
  EXPECT_EQ(h.info("a").stats.activations, 1u + 10u);
  EXPECT_EQ(h.info("b").stats.activations, 1u + 4u);
  // A late poll skips missed periods instead of running them back to back.
  h.clock.ms = 1550;
  h.agent->poll(h.clock.ms);
  EXPECT_EQ(h.info("a").stats.activations, 12u);
  EXPECT_EQ(h.info("a").stats.missed_loops, 4u);  // 1100 ran late; 1200..1500 skipped
  EXPECT_GT(h.info("a").stats.instructions, 0u);
}

TEST(AgentScheduler, FuelExhaustionStrikesRestartsWithBackoffThenFaults) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  manifest::Manifest m = fast("spin");
  m.timing.fuel = 5000;
  m.failure.strikes = 2;
  m.failure.backoff_ms = 100;
  m.failure.max_restarts = 2;
  ASSERT_TRUE(h.install("spin", m).ok());
  ASSERT_TRUE(h.agent->start("spin").ok());

  h.run_until(20);  // two loops, two strikes
  ContainerInfo info = h.info("spin");
  EXPECT_EQ(info.stats.violations[static_cast<unsigned>(Violation::out_of_fuel)], 2u);
  EXPECT_EQ(info.state, State::suspended);
  EXPECT_EQ(info.suspension, Suspension::backoff);
  EXPECT_EQ(info.stats.restarts, 1u);

  h.run_until(119);
  EXPECT_EQ(h.info("spin").suspension, Suspension::backoff);
  h.run_until(120);  // 20 + 100 ms back-off
  EXPECT_EQ(h.info("spin").state, State::running);
  EXPECT_EQ(h.events(EventKind::restarted).size(), 1u);
  h.run_until(140);  // struck out again: back-off doubles to 200 ms
  EXPECT_EQ(h.info("spin").stats.restarts, 2u);
  h.run_until(339);
  EXPECT_EQ(h.info("spin").suspension, Suspension::backoff);
  h.run_until(400);  // restarted at 340, struck out at 360: out of restarts
  EXPECT_EQ(h.info("spin").state, State::faulted);
  EXPECT_EQ(h.events(EventKind::faulted).size(), 1u);
  const std::vector<Event> v = h.events(EventKind::violation);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].detail, static_cast<uint8_t>(Violation::out_of_fuel));
  EXPECT_EQ(v[0].a, static_cast<uint32_t>(Hook::loop));

  // Faulted stays faulted, across a new agent too, until an explicit restart.
  h.run_until(2000, 10);
  EXPECT_EQ(h.info("spin").state, State::faulted);
  EXPECT_EQ(h.agent->start("spin").code(), StatusCode::failed_precondition);
  Harness again(4, h.storage);
  ASSERT_TRUE(again.begin().ok());
  EXPECT_EQ(again.info("spin").state, State::faulted);
  ASSERT_TRUE(again.agent->restart("spin").ok());
  EXPECT_EQ(again.info("spin").state, State::running);
  EXPECT_EQ(again.info("spin").stats.restarts, 0u);
}

TEST(AgentScheduler, WatchdogStopsAnActivationAtItsDeadline) {
  Harness h;
  h.watchdog.fire_after_ms = 20;  // for real, from another thread
  ASSERT_TRUE(h.begin().ok());
  manifest::Manifest m = fast("spin");
  m.timing.fuel = UINT64_MAX;  // only the watchdog can end it
  m.timing.max_loop_ms = 20;
  ASSERT_TRUE(h.install("spin", m).ok());
  ASSERT_TRUE(h.agent->start("spin").ok());
  h.run_until(10);
  EXPECT_EQ(h.watchdog.fired.load(), 1);
  EXPECT_EQ(h.watchdog.last_deadline, 10u + 20u);
  const ContainerInfo info = h.info("spin");
  EXPECT_EQ(info.stats.violations[static_cast<unsigned>(Violation::deadline)], 1u);
  EXPECT_EQ(info.stats.strikes, 1u);
  const std::vector<Event> v = h.events(EventKind::violation);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].detail, static_cast<uint8_t>(Violation::deadline));
}

TEST(AgentScheduler, TrapsAreReportedWithTheirDetails) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("escape", fast("escape")).ok());
  ASSERT_TRUE(h.agent->start("escape").ok());
  h.run_until(10);
  const std::vector<Event> v = h.events(EventKind::violation);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].detail, static_cast<uint8_t>(Violation::trap));
  EXPECT_EQ(v[0].d, static_cast<uint32_t>(vm::TrapKind::load_out_of_bounds));
  EXPECT_EQ(v[0].c, uint64_t{6} << 32);  // the address it tried
}

TEST(AgentScheduler, CpuShareThrottles) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  manifest::Manifest m = fast("hog", 10);
  m.timing.cpu_share_permille = 100;  // 100 ms per 1000 ms window
  m.timing.cpu_window_ms = 1000;
  ASSERT_TRUE(h.install("ticker", m).ok());
  h.clock.us_step = 20000;  // each activation takes 20 ms of CPU
  ASSERT_TRUE(h.agent->start("hog").ok());
  h.run_until(500);
  ContainerInfo info = h.info("hog");
  EXPECT_EQ(info.state, State::suspended);
  EXPECT_EQ(info.suspension, Suspension::throttled);
  EXPECT_EQ(info.stats.activations, 5u);  // tc_start + 4 loops = 100 ms of CPU
  EXPECT_EQ(info.stats.throttles, 1u);
  h.run_until(1000);
  EXPECT_EQ(h.info("hog").state, State::running);
  EXPECT_EQ(h.events(EventKind::resumed).size(), 1u);
  EXPECT_TRUE(h.events(EventKind::violation).empty());  // waiting is not a violation
}

TEST(AgentScheduler, SleepSuspendsOnlyThatContainer) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  manifest::Manifest s = fast("sleeper", 1000);
  s.timing.max_loop_ms = 100;
  ASSERT_TRUE(h.install("sleeper", s).ok());
  ASSERT_TRUE(h.install("ticker", fast("ticker", 10)).ok());
  ASSERT_TRUE(h.agent->start("sleeper").ok());
  ASSERT_TRUE(h.agent->start("ticker").ok());
  h.run_until(1000);
  EXPECT_EQ(h.logs("sleeper"), std::vector<std::string>{"sleep"});
  EXPECT_TRUE(h.info("sleeper").activation_in_progress);
  EXPECT_EQ(h.agent->poll(h.clock.ms), 1010u);  // ticker's next loop comes first
  h.run_until(1049);
  EXPECT_EQ(h.logs("sleeper").size(), 1u);
  h.run_until(1050);
  EXPECT_EQ(h.logs("sleeper"), (std::vector<std::string>{"sleep", "woke"}));
  EXPECT_FALSE(h.info("sleeper").activation_in_progress);
  EXPECT_EQ(h.info("ticker").stats.activations, 1u + 105u);
  EXPECT_EQ(h.info("ticker").stats.missed_loops, 0u);
}

TEST(AgentScheduler, HostileContainersAreContainedWhileAGoodOneKeepsItsPeriod) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  manifest::Manifest spin = fast("spin");
  spin.timing.fuel = 20000;
  manifest::Manifest flood = fast("flood");
  add_endpoint(flood, 1, "sensor/humidity", manifest::Direction::read).limits.calls_per_second = 5;
  ASSERT_TRUE(h.install("spin", spin).ok());
  ASSERT_TRUE(h.install("escape", fast("escape")).ok());
  ASSERT_TRUE(h.install("flood", flood).ok());
  ASSERT_TRUE(h.install("ticker", fast("good")).ok());
  for (const char* n : {"spin", "escape", "flood", "good"})
    ASSERT_TRUE(h.agent->start(n).ok());
  h.run_until(1000);

  const ContainerInfo good = h.info("good");
  EXPECT_EQ(good.state, State::running);
  EXPECT_EQ(good.stats.activations, 1u + 100u);
  EXPECT_EQ(good.stats.missed_loops, 0u);
  EXPECT_EQ(good.stats.total_violations(), 0u);
  EXPECT_EQ(good.stats.total_denials(), 0u);

  EXPECT_EQ(h.info("spin").state, State::faulted);
  EXPECT_EQ(h.info("escape").state, State::faulted);
  const ContainerInfo f = h.info("flood");
  EXPECT_EQ(f.state, State::running);                                  // denied, not killed
  EXPECT_LE(h.resources.by_target("sensor/humidity").calls, 5u + 5u);  // burst + 1 s of refill
  EXPECT_GT(f.stats.denials[-TC_ERATE], 1000u);
  uint32_t rate_events = 0;
  for (const Event& e : h.events(EventKind::denial))
    if (e.detail == -TC_ERATE) ++rate_events;
  EXPECT_LE(rate_events, 2u);
}

}  // namespace
}  // namespace tc::agent::test
