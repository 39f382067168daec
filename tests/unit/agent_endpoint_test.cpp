// The endpoint check of DESIGN.md 2.3, driven through the probe container: each denial reason,
// the order of the checks, counts and rate-limited events; key-value quota and persistence;
// channels between containers that both name the channel; requests and responses.
#include <gtest/gtest.h>

#include <cstring>

#include "agent_fakes.hpp"

namespace tc::agent::test {
namespace {

using manifest::Direction;
using manifest::TargetKind;

constexpr uint64_t kBadAddress = uint64_t{6} << 32;  // slot 6: never mapped

manifest::Manifest probe_manifest(const std::string& name = "probe") {
  manifest::Manifest m = make_manifest(name);
  m.timing.loop_period_ms = 0;
  m.memory.storage_bytes = 64;
  add_endpoint(m, 1, "sensor/temperature", Direction::read);
  manifest::Endpoint& lock = add_endpoint(m, 2, "actuator/lock", Direction::write);
  lock.limits.has_bounds = true;
  lock.limits.min_value = 0;
  lock.limits.max_value = 100;
  add_endpoint(m, 3, "sensor/humidity", Direction::read).limits.calls_per_second = 2;
  manifest::Endpoint& radio = add_endpoint(m, 4, "radio/scanner", Direction::read);
  radio.limits.bytes_per_window = 20;
  radio.limits.window_ms = 1000;
  add_endpoint(m, 5, "sensor/light", Direction::read).limits.energy_per_window_uj = 100;
  add_endpoint(m, 6, "channel/alerts", Direction::write, TargetKind::channel);
  add_endpoint(m, 7, "actuator/display", Direction::write);
  add_export(m, "probe");
  return m;
}

struct Probe {
  explicit Probe(Harness& harness, std::string container = "probe")
      : h(harness), name(std::move(container)) {}

  // Runs one operation in the container and returns the helper's result.
  int64_t call(uint32_t code, uint32_t a = 0, uint64_t b = 0, uint64_t c = 0) {
    uint8_t payload[24];
    std::memcpy(payload, &code, 4);
    std::memcpy(payload + 4, &a, 4);
    std::memcpy(payload + 8, &b, 8);
    std::memcpy(payload + 16, &c, 8);
    const uint32_t token = ++tokens;
    EXPECT_TRUE(h.agent->request(name, 0, TC_COAP_POST, payload, token).ok());
    h.agent->poll(h.clock.ms);
    EXPECT_FALSE(h.responses.all.empty());
    if (h.responses.all.empty()) return INT64_MIN;
    const Responses::Response r = h.responses.all.back();
    EXPECT_EQ(r.token, token);
    EXPECT_EQ(r.code, kCoapContent);
    int64_t result = INT64_MIN;
    if (r.payload.size() == 8) std::memcpy(&result, r.payload.data(), 8);
    return result;
  }
  int64_t open(uint32_t id) { return call(1, id); }
  int64_t read(int64_t handle, uint64_t len = 8) {
    return call(2, static_cast<uint32_t>(handle), 0, len);
  }
  int64_t write(int64_t handle, int64_t value, uint64_t len = 8) {
    return call(3, static_cast<uint32_t>(handle), static_cast<uint64_t>(value), len);
  }
  int64_t write_raw(int64_t handle, uint64_t address, uint64_t len) {
    return call(4, static_cast<uint32_t>(handle), address, len);
  }
  static uint32_t key(const char (&k)[5]) {
    uint32_t v;
    std::memcpy(&v, k, 4);
    return v;
  }

  Harness& h;
  std::string name;
  uint32_t tokens = 0;
};

class AgentEndpoints : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(h.install("probe", probe_manifest()).ok());
    ASSERT_TRUE(h.agent->start("probe").ok());
  }
  uint32_t denials(int code) { return h.info("probe").stats.denials[-code]; }

  Harness h;
  Probe p{h};
};

TEST_F(AgentEndpoints, ReadsAndWritesWithinTheGrant) {
  const int64_t temp = p.open(1);
  EXPECT_EQ(temp, 0);
  EXPECT_EQ(p.read(temp), 8);
  const int64_t lock = p.open(2);
  EXPECT_EQ(p.write(lock, 42), 8);
  EXPECT_EQ(h.resources.by_target("actuator/lock").writes, std::vector<int64_t>{42});
  EXPECT_EQ(p.write(lock, 7, 1), 1);                     // a 1-byte value
  EXPECT_EQ(p.call(5, static_cast<uint32_t>(lock)), 0);  // close
  EXPECT_EQ(p.write(lock, 7), TC_ENOTOPEN);
  EXPECT_EQ(h.info("probe").stats.endpoint_calls, 3u);
}

TEST_F(AgentEndpoints, EachDenialReasonInCheckOrder) {
  EXPECT_EQ(p.open(99), TC_ENOENDPOINT);
  EXPECT_EQ(p.read(0), TC_ENOTOPEN);  // endpoint 1 exists but is not open
  EXPECT_EQ(p.read(40), TC_EINVAL);   // not a handle at all
  const int64_t temp = p.open(1);
  EXPECT_EQ(p.write(temp, 1), TC_EDIRECTION);
  EXPECT_EQ(p.write_raw(temp, kBadAddress, 8), TC_EDIRECTION);  // direction before buffers

  const int64_t humidity = p.open(3);  // 2 calls per second
  EXPECT_EQ(p.read(humidity), 8);
  EXPECT_EQ(p.read(humidity), 8);
  EXPECT_EQ(p.read(humidity), TC_ERATE);
  EXPECT_EQ(p.call(11, static_cast<uint32_t>(humidity), kBadAddress, 8), TC_ERATE);  // rate first
  h.clock.ms += 500;
  EXPECT_EQ(p.read(humidity), 8);  // refilled continuously

  const int64_t radio = p.open(4);  // 20 bytes per window
  EXPECT_EQ(p.read(radio, 16), 16);
  EXPECT_EQ(p.read(radio, 16), 4);  // clamped to what is left
  EXPECT_EQ(p.read(radio, 16), TC_EBYTES);
  h.clock.ms += 1000;
  EXPECT_EQ(p.read(radio, 16), 16);

  const int64_t light = p.open(5);  // 100 uJ per window, 40 uJ per use
  EXPECT_EQ(p.read(light), 8);
  EXPECT_EQ(p.read(light), 8);
  EXPECT_EQ(p.read(light), TC_EENERGY);

  const int64_t lock = p.open(2);  // bounds 0..100
  EXPECT_EQ(p.write(lock, 101), TC_EBOUNDS);
  EXPECT_EQ(p.write(lock, -1), TC_EBOUNDS);
  EXPECT_EQ(p.write_raw(lock, kBadAddress, 8), TC_EFAULT);
  EXPECT_EQ(p.call(11, static_cast<uint32_t>(temp), kBadAddress, 8), TC_EFAULT);
  EXPECT_TRUE(h.resources.by_target("actuator/lock").writes.empty());  // never reached

  for (int code :
       {TC_ENOENDPOINT, TC_ENOTOPEN, TC_EINVAL, TC_ERATE, TC_EBYTES, TC_EENERGY, TC_EFAULT}) {
    EXPECT_GE(denials(code), 1u) << code;
  }
  EXPECT_EQ(denials(TC_EDIRECTION), 2u);
  EXPECT_EQ(denials(TC_EBOUNDS), 2u);
  EXPECT_EQ(denials(TC_ERATE), 2u);
  // One event per reason per second: the second EBOUNDS within the same second is only counted.
  uint32_t bounds_events = 0;
  for (const Event& e : h.events(EventKind::denial))
    if (e.detail == -TC_EBOUNDS) ++bounds_events;
  EXPECT_EQ(bounds_events, 1u);
  h.clock.ms += 1000;
  h.agent->poll(h.clock.ms);  // flushes the counted-only denials
  uint32_t bounds_total = 0;
  for (const Event& e : h.events(EventKind::denial))
    if (e.detail == -TC_EBOUNDS) bounds_total += e.count;
  EXPECT_EQ(bounds_total, 2u);
  EXPECT_EQ(h.info("probe").state, State::running);  // denials never hurt the container
}

TEST_F(AgentEndpoints, DurableWritesAreTheDevicesTimeNotTheContainers) {
  // A key-value put that takes 50 ms of storage time (an fsync) inside a 20 ms request deadline.
  h.storage->slow_clock = &h.clock;
  h.storage->write_delay_ms = 50;
  const uint64_t start_ms = h.clock.ms;
  const int arms = h.watchdog.arms;
  EXPECT_EQ(p.call(6, Probe::key("key1"), 1234, 8), 0);
  // The watchdog was paused for the write and re-armed with the deadline moved by its duration.
  EXPECT_EQ(h.watchdog.arms, arms + 2);
  EXPECT_GE(h.watchdog.last_deadline, start_ms + 50 + 1);
  // Neither a violation nor a CPU charge for the device's own I/O.
  EXPECT_EQ(h.info("probe").stats.violations[static_cast<int>(Violation::deadline)], 0u);
  EXPECT_LT(h.info("probe").stats.cpu_us, 50'000u);
}

TEST_F(AgentEndpoints, ByteResourceSizeLimitIsPartOfTheCheck) {
  const int64_t display = p.open(7);  // a byte actuator that takes at most 16 bytes at once
  EXPECT_EQ(p.write(display, 0x4142434445464748, 8), 8);
  EXPECT_EQ(p.write(display, 0, 24), TC_ETOOBIG);
  EXPECT_EQ(denials(TC_ETOOBIG), 1u);
  EXPECT_EQ(h.resources.by_target("actuator/display").calls,
            1u);  // the refused write never reached it
}

TEST_F(AgentEndpoints, DenialFloodDoesNotFloodTheEventRing) {
  const uint32_t before = h.agent->next_event_seq();
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(p.open(99), TC_ENOENDPOINT);
  EXPECT_LE(h.agent->next_event_seq() - before, 2u);
  EXPECT_EQ(denials(TC_ENOENDPOINT), 50u);
}

TEST_F(AgentEndpoints, KeyValueQuotaAndPersistence) {
  EXPECT_EQ(p.call(6, Probe::key("key1"), 1234, 8), 0);  // 4 + 8 bytes
  EXPECT_EQ(p.call(7, Probe::key("key1")), 1234);
  EXPECT_EQ(p.call(7, Probe::key("nope")), TC_ENOTFOUND);
  EXPECT_EQ(p.call(6, Probe::key("key1"), 99, 61), TC_EQUOTA);  // 4 + 61 would replace 12
  EXPECT_EQ(h.info("probe").memory.storage_bytes, 12u);
  EXPECT_EQ(p.call(6, Probe::key("key2"), 5, 48), 0);  // 12 + 52 = 64
  EXPECT_EQ(p.call(6, Probe::key("key3"), 5, 1), TC_EQUOTA);
  EXPECT_EQ(p.call(8, Probe::key("key2")), 0);
  EXPECT_EQ(p.call(8, Probe::key("key2")), TC_ENOTFOUND);
  EXPECT_EQ(p.call(6, Probe::key("ke/1"), 5, 1), TC_EINVAL);  // not a key character
  EXPECT_EQ(h.info("probe").memory.storage_bytes, 12u);
  EXPECT_EQ(denials(TC_EQUOTA), 2u);

  Harness again(4, h.storage);
  ASSERT_TRUE(again.begin().ok());
  EXPECT_EQ(again.info("probe").memory.storage_bytes, 12u);
  Probe q(again);
  EXPECT_EQ(q.call(7, Probe::key("key1")), 1234);
}

TEST_F(AgentEndpoints, ChannelsNeedBothManifests) {
  manifest::Manifest sub = make_manifest("sub");
  add_endpoint(sub, 1, "channel/alerts", Direction::read, TargetKind::channel);
  ASSERT_TRUE(h.install("listener", sub).ok());
  manifest::Manifest deaf = make_manifest("deaf");  // does not name the channel
  ASSERT_TRUE(h.install("listener", deaf).ok());
  manifest::Manifest stranger = make_manifest("stranger");  // another tenant
  ASSERT_TRUE(stranger.tenant.assign("other"));
  add_endpoint(stranger, 1, "channel/alerts", Direction::read, TargetKind::channel);
  ASSERT_TRUE(h.install("listener", stranger).ok());
  for (const char* n : {"sub", "deaf", "stranger"})
    ASSERT_TRUE(h.agent->start(n).ok());

  EXPECT_EQ(p.call(9, 6, 0x6f6c6c6568, 5), 0);  // publish "hello" on channel/alerts
  for (int i = 0; i < 4; ++i)
    h.agent->poll(h.clock.ms);
  EXPECT_EQ(h.logs("sub"), std::vector<std::string>{"hello"});
  EXPECT_TRUE(h.logs("deaf").empty());
  EXPECT_TRUE(h.logs("stranger").empty());
  EXPECT_EQ(p.call(9, 1, 0, 5), TC_ENOTFOUND);  // endpoint 1 is not a channel
  EXPECT_EQ(p.call(9, 42, 0, 5), TC_ENOENDPOINT);

  // A publisher whose manifest has no writable channel cannot even be installed.
  manifest::Manifest no_channel = probe_manifest("quiet");
  no_channel.endpoint_count = 5;
  EXPECT_EQ(h.install("probe", no_channel).code(), StatusCode::permission_denied);
}

TEST(AgentChannels, AFullInboxDropsWithADenialForThePublisher) {
  Harness h;
  h.config.inbox_bytes = 40;  // one probe request (2 + 8 + 24) or two messages (2 + 8 + 5)
  h.agent = std::make_unique<Agent>(Ports{h.clock, h.watchdog, *h.storage, h.resources, h.entropy},
                                    h.config);
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("probe", probe_manifest()).ok());
  ASSERT_TRUE(h.agent->start("probe").ok());
  manifest::Manifest sub = make_manifest("sub");
  add_endpoint(sub, 1, "channel/alerts", Direction::read, TargetKind::channel);
  sub.timing.cpu_share_permille = 1;  // 1 ms of CPU per second: throttled after one message
  ASSERT_TRUE(h.install("listener", sub).ok());
  ASSERT_TRUE(h.agent->start("sub").ok());
  h.clock.us_step = 1000;  // every activation takes 1 ms of CPU
  Probe p(h);
  std::vector<int64_t> results;
  for (int i = 0; i < 5; ++i)
    results.push_back(p.call(9, 6, 0x6f6c6c6568, 5));
  EXPECT_EQ(h.info("sub").state, State::suspended);
  EXPECT_EQ(h.info("sub").suspension, Suspension::throttled);
  EXPECT_EQ(results.back(), TC_EAGAIN);
  EXPECT_GE(h.info("sub").stats.messages_dropped, 1u);
  EXPECT_GE(h.info("probe").stats.denials[-TC_EAGAIN], 1u);
  // Once its CPU window allows, the subscriber catches up with what was queued.
  h.run_until(h.clock.ms + 3000, 100);
  EXPECT_EQ(h.info("sub").state, State::running);
  EXPECT_EQ(h.logs("sub").size(), 3u);  // the first, then the two queued ones
}

TEST_F(AgentEndpoints, RequestsAreRoutedAndAnsweredOnce) {
  EXPECT_EQ(h.agent->find_export("probe", "probe").value(), 0u);
  EXPECT_FALSE(h.agent->find_export("probe", "nope").ok());
  const uint8_t payload[24] = {};
  EXPECT_EQ(h.agent->request("probe", 1, TC_COAP_POST, payload, 1).code(), StatusCode::not_found);
  EXPECT_EQ(h.agent->request("probe", 0, TC_COAP_GET, payload, 1).code(),
            StatusCode::permission_denied);
  // A request the container rejects (payload too short): the hook returns -1, the probe
  // does not respond, the default rule answers 5.00.
  ASSERT_TRUE(h.agent->request("probe", 0, TC_COAP_POST, {payload, 4}, 77).ok());
  h.agent->poll(h.clock.ms);
  ASSERT_FALSE(h.responses.all.empty());
  EXPECT_EQ(h.responses.all.back().token, 77u);
  EXPECT_EQ(h.responses.all.back().code, kCoapInternalError);
  // Queued requests of a container that stops are answered 5.03.
  ASSERT_TRUE(h.agent->request("probe", 0, TC_COAP_POST, payload, 78).ok());
  ASSERT_TRUE(h.agent->stop("probe").ok());
  EXPECT_EQ(h.responses.all.back().token, 78u);
  EXPECT_EQ(h.responses.all.back().code, kCoapServiceUnavailable);
  EXPECT_EQ(h.agent->request("probe", 0, TC_COAP_POST, payload, 79).code(),
            StatusCode::failed_precondition);
}

}  // namespace
}  // namespace tc::agent::test
