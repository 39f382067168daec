// The containers that prove the product (docs/examples.md): the SmartDroneBox's well-behaved
// containers run together for a simulated minute, then with each hostile container in turn. The
// hostile one must be contained exactly as its manifest's policy says (denials with the right
// TC_E* reason and count, or violations, strikes, back-off restarts and faulted) and reported in
// the event ring, while the good ones keep their loop periods and their data.
//
// Everything is real but the ports: the images are built by `tcctl build` from sdk/examples/, the
// manifests are read from their JSON by tc_manifest_json, checked against the SmartDroneBox board
// profile and encoded to CBOR by the device codec, and run on a tc::agent::Agent. Time is the fake
// clock, polled every millisecond; each activation costs kActivationUs of CPU time.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "agent_fakes.hpp"
#include "manifest/board_json.hpp"
#include "manifest/codec.hpp"
#include "manifest/manifest_json.hpp"

namespace tc::agent::test {
namespace {

constexpr uint64_t kMinute = 60000;
constexpr uint64_t kActivationUs = 200;  // CPU time the fake clock charges per activation
// TC_COAP_CHANGED / TC_COAP_BAD_REQUEST use C casts, which -Wold-style-cast refuses in C++.
constexpr uint8_t kCoapChanged = 2 * 32 + 4;
constexpr uint8_t kCoapBadRequest = 4 * 32 + 0;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int64_t kv_int(MemStorage& storage, const std::string& container, const std::string& key) {
  auto it = storage.data.find("k/" + container + "/" + key);
  if (it == storage.data.end()) return INT64_MIN;
  int64_t v = 0;
  std::memcpy(&v, it->second.data(), std::min<std::size_t>(8, it->second.size()));
  return v;
}

struct Alert {
  uint32_t kind;
  uint32_t high;
  int64_t value;
};

struct Coverage {
  uint32_t scans;
  uint32_t records;
  int32_t strongest;
  int32_t weakest;
};

// The SmartDroneBox: an agent with room for the four good containers and one hostile one, over
// the fake ports, its resources taken from tests/data/boards/smartdronebox.json.
class SmartDroneBox : public ::testing::Test {
 protected:
  SmartDroneBox() : h(5) {}

  void SetUp() override {
    const manifest_json::BoardResult b = manifest_json::parse_board(slurp(TC_BOARD_FILE));
    ASSERT_TRUE(b.ok());
    board = b.board;
    h.resources.resources.clear();
    for (uint8_t i = 0; i < board.resource_count; ++i) {
      const manifest::BoardResource& r = board.resources[i];
      const bool bytes = r.type == manifest::ValueType::bytes;
      auto& fake =
          h.resources.add(std::string(r.name.view()), bytes ? ValueType::bytes : ValueType::integer,
                          manifest::access_allows(r.access, manifest::Direction::read),
                          manifest::access_allows(r.access, manifest::Direction::write),
                          r.signal.value, r.energy_uj);
      if (!bytes) {
        fake.info.min_value = r.min_value;
        fake.info.max_value = r.max_value;
      }
    }
    h.clock.us_step = kActivationUs;
    ASSERT_TRUE(h.begin().ok());
  }

  // Reads sdk/examples/<stem>.json (checked against the board), encodes it, installs the image
  // built from <stem>.c and starts it. Returns the container's name.
  std::string deploy(const std::string& stem) {
    const manifest_json::ManifestResult m = manifest_json::parse_manifest(
        slurp(std::string(TC_EXAMPLES_DIR) + "/" + stem + ".json"), &board);
    EXPECT_TRUE(m.ok()) << stem;
    uint8_t cbor[manifest::kMaxEncodedSize];
    const Result<std::size_t> n = manifest::encode(m.manifest, cbor);
    EXPECT_TRUE(n.ok()) << stem;
    const std::string name(m.manifest.name.view());
    const std::vector<uint8_t> bytes = image(stem);
    const Status installed = h.agent->install(bytes, m.manifest, {cbor, n.ok() ? *n : 0});
    EXPECT_TRUE(installed.ok()) << stem << ": " << installed.message();
    const Status started = h.agent->start(name);
    EXPECT_TRUE(started.ok()) << stem << ": " << started.message();
    return name;
  }

  void deploy_good_set() {
    for (const char* stem : {"climate_monitor", "alert_logger", "address_display", "radio_mapper"})
      deploy(stem);
  }

  // Polls every millisecond until `until_ms`, collecting every event as it is emitted (the ring
  // keeps only the last Config::events).
  void run_until(uint64_t until_ms) {
    while (h.clock.ms < until_ms) {
      ++h.clock.ms;
      if (h.clock.ms == 20500) temperature().value = 3500;  // too hot in transit...
      if (h.clock.ms == 40500) temperature().value = 2000;  // ...and back to normal
      h.agent->poll(h.clock.ms);
      collect();
    }
  }
  void collect() {
    Event batch[32];
    std::size_t n;
    while ((n = h.agent->events(next_seq, batch)) > 0) {
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(batch[i].seq, next_seq) << "the event ring dropped events";
        next_seq = batch[i].seq + 1;
        events.push_back(batch[i]);
      }
    }
  }
  std::vector<Event> events_of(const std::string& name, EventKind kind) const {
    std::vector<Event> out;
    for (const Event& e : events)
      if (e.kind == kind && e.container.view() == name) out.push_back(e);
    return out;
  }
  // Denials of `reason` reported in the event ring (each event stands for `count` of them).
  uint32_t reported_denials(const std::string& name, int reason) const {
    uint32_t n = 0;
    for (const Event& e : events_of(name, EventKind::denial))
      if (e.detail == -reason) n += e.count;
    return n;
  }
  uint32_t denials(const std::string& name, int reason) {
    return h.info(name).stats.denials[-reason];
  }
  uint32_t violations(const std::string& name, Violation kind) {
    return h.info(name).stats.violations[static_cast<unsigned>(kind)];
  }
  // Stops `name` and lets a second pass so that the denials counted but not yet reported (one
  // event per reason per second) are flushed into the event ring.
  void flush_reports(const std::string& name) {
    ASSERT_TRUE(h.agent->stop(name).ok());
    run_until(h.clock.ms + 1000);
  }
  FakeResources::Resource& temperature() { return h.resources.by_target("sensor/temperature"); }
  FakeResources::Resource& resource(const char* target) { return h.resources.by_target(target); }

  // The good set after a minute, whatever ran beside it: loop periods kept, data as expected, no
  // denial but the one the radio mapper expects (its remote endpoint is not reachable yet).
  void expect_good_set_intact() {
    SCOPED_TRACE("good set");
    const ContainerInfo climate = h.info("climate-monitor");
    EXPECT_EQ(climate.state, State::running);
    EXPECT_EQ(climate.stats.activations, 1u + 60u);  // tc_start + a loop every second
    EXPECT_EQ(climate.stats.missed_loops, 0u);
    EXPECT_EQ(climate.stats.hook_failures, 0u);
    EXPECT_EQ(climate.stats.total_violations(), 0u);
    EXPECT_EQ(climate.stats.total_denials(), 0u);
    // 180 reads, 2 alerts, 8 KV puts (the first min and max of each, then t_max 3500, t_min 2000)
    EXPECT_EQ(climate.stats.endpoint_calls, 3u * 60u + 2u + 8u);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "t_min"), 2000);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "t_max"), 3500);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "h_min"), 4500);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "h_max"), 4500);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "o_min"), 10);
    EXPECT_EQ(kv_int(*h.storage, "climate-monitor", "o_max"), 10);

    const ContainerInfo logger = h.info("alert-logger");
    EXPECT_EQ(logger.state, State::running);
    EXPECT_EQ(logger.stats.activations, 2u);  // one tc_on_message per alert, nothing else
    EXPECT_EQ(logger.stats.total_denials(), 0u);
    EXPECT_EQ(logger.stats.messages_dropped, 0u);
    EXPECT_EQ(h.logs("alert-logger"), (std::vector<std::string>{"alert temperature high 3500",
                                                                "alert temperature normal 2000"}));
    EXPECT_EQ(kv_int(*h.storage, "alert-logger", "count") & 0xffffffff, 2);
    Alert last{};
    const std::vector<uint8_t>& raw = h.storage->data["k/alert-logger/last"];
    ASSERT_EQ(raw.size(), sizeof last);
    std::memcpy(&last, raw.data(), sizeof last);
    EXPECT_EQ(last.kind, 1u);
    EXPECT_EQ(last.high, 0u);
    EXPECT_EQ(last.value, 2000);

    const ContainerInfo display = h.info("address-display");
    EXPECT_EQ(display.state, State::running);
    EXPECT_EQ(display.stats.activations, 1u + 120u);  // tc_start + a loop every 500 ms
    EXPECT_EQ(display.stats.missed_loops, 0u);
    EXPECT_EQ(display.stats.total_violations(), 0u);
    EXPECT_EQ(display.stats.total_denials(), 0u);
    EXPECT_EQ(resource("actuator/display").calls, 120u);
    EXPECT_EQ(resource("sensor/signature").calls, 120u);
    EXPECT_EQ(display.stats.bytes_written, 120u * 39u);  // the address, 39 bytes, each period
    EXPECT_EQ(display.stats.bytes_read, 120u * 64u);

    const ContainerInfo radio = h.info("radio-mapper");
    EXPECT_EQ(radio.state, State::running);
    EXPECT_EQ(radio.stats.activations, 1u + 6u);  // tc_start + a loop every 10 s
    EXPECT_EQ(radio.stats.missed_loops, 0u);
    EXPECT_EQ(radio.stats.total_violations(), 0u);
    // One attempt at the remote endpoint (retried once a minute): TC_ENOTSUP, handled.
    EXPECT_EQ(radio.stats.total_denials(), 1u);
    EXPECT_EQ(radio.stats.denials[-TC_ENOTSUP], 1u);
    EXPECT_EQ(radio.stats.energy_uj, 6u * 20000u + 6u * 5u);  // six scans, six battery reads
    Coverage cov{};
    const std::vector<uint8_t>& c = h.storage->data["k/radio-mapper/coverage"];
    ASSERT_EQ(c.size(), sizeof cov);
    std::memcpy(&cov, c.data(), sizeof cov);
    EXPECT_EQ(cov.scans, 6u);
    EXPECT_EQ(cov.records, 6u * 16u);
    EXPECT_EQ(cov.strongest, 61);  // the fake scan's bytes are 0, 1, 2...: rssi 1, 5, ... 61
    EXPECT_EQ(cov.weakest, 1);
    EXPECT_EQ(h.logs("radio-mapper"),
              (std::vector<std::string>{"radio: mapping coverage",
                                        "radio: uplink unavailable, coverage kept in storage"}));

    for (const char* name :
         {"climate-monitor", "alert-logger", "address-display", "radio-mapper"}) {
      EXPECT_TRUE(events_of(name, EventKind::violation).empty()) << name;
      EXPECT_TRUE(events_of(name, EventKind::suspended).empty()) << name;
    }
  }

  Harness h;
  manifest::BoardProfile board;
  uint32_t next_seq = 1;
  std::vector<Event> events;
};

TEST_F(SmartDroneBox, GoodContainersShareTheBoxForAMinute) {
  deploy_good_set();
  run_until(kMinute);
  expect_good_set_intact();

  // Climate alerts went out on channel/alerts exactly when the threshold was crossed.
  EXPECT_EQ(h.logs("climate-monitor"),
            (std::vector<std::string>{"climate: monitoring temperature, humidity, tilt",
                                      "climate: alert raised", "climate: alert cleared"}));
  EXPECT_TRUE(events_of("climate-monitor", EventKind::denial).empty());

  // The signature pad's last capture, served on GET signature (export 0).
  const Result<uint8_t> sig = h.agent->find_export("address-display", "signature");
  ASSERT_TRUE(sig.ok());
  ASSERT_TRUE(h.agent->request("address-display", *sig, TC_COAP_GET, {}, 1).ok());
  run_until(h.clock.ms + 1);
  ASSERT_EQ(h.responses.all.size(), 1u);
  EXPECT_EQ(h.responses.all[0].code, kCoapContent);
  EXPECT_EQ(h.responses.all[0].format, TC_CONTENT_OCTETS);
  std::vector<uint8_t> expected(64);
  for (uint8_t i = 0; i < 64; ++i)
    expected[i] = i;
  EXPECT_EQ(h.responses.all[0].payload, expected);

  // A new recipient (PUT recipient) is kept in storage and shown from the next period on.
  const std::string address = "A. Smith, 1 Quay";
  ASSERT_TRUE(h.agent
                  ->request("address-display", 1, TC_COAP_PUT,
                            {reinterpret_cast<const uint8_t*>(address.data()), address.size()}, 2)
                  .ok());
  run_until(h.clock.ms + 1);
  ASSERT_EQ(h.responses.all.size(), 2u);
  EXPECT_EQ(h.responses.all[1].code, kCoapChanged);
  const std::vector<uint8_t>& stored = h.storage->data["k/address-display/recipient"];
  EXPECT_EQ(std::string(stored.begin(), stored.end()), address);
  const uint64_t written = h.info("address-display").stats.bytes_written;
  run_until(h.clock.ms + 1000);
  EXPECT_EQ(h.info("address-display").stats.bytes_written, written + 2 * address.size());
  // An address longer than the display is refused by the container itself.
  const std::string too_long(129, 'x');
  ASSERT_TRUE(h.agent
                  ->request("address-display", 1, TC_COAP_PUT,
                            {reinterpret_cast<const uint8_t*>(too_long.data()), 129}, 3)
                  .ok());
  run_until(h.clock.ms + 1);
  EXPECT_EQ(h.responses.all.back().code, kCoapBadRequest);
}

// ------------------------------------------------------------------------------------------
// One hostile container beside the good set, each for a simulated minute.

TEST_F(SmartDroneBox, InfiniteLoopRunsOutOfFuelIsRestartedThenFaulted) {
  deploy_good_set();
  const std::string bad = deploy("hostile_infinite_loop");
  // Policy: fuel 50 000 per activation, 2 strikes, back-off 2000 ms doubling, 2 restarts.
  run_until(2000);  // loops at 1000 and 2000: two out-of-fuel strikes
  EXPECT_EQ(h.info(bad).state, State::suspended);
  EXPECT_EQ(h.info(bad).suspension, Suspension::backoff);
  run_until(3999);
  EXPECT_EQ(h.info(bad).suspension, Suspension::backoff);
  run_until(4000);  // restarted after 2000 ms
  EXPECT_EQ(h.info(bad).state, State::running);
  run_until(6000);  // loops at 5000 and 6000: struck out again, back-off 4000 ms
  EXPECT_EQ(h.info(bad).suspension, Suspension::backoff);
  run_until(12000);  // restarted at 10000, loops at 11000 and 12000: out of restarts
  EXPECT_EQ(h.info(bad).state, State::faulted);
  run_until(kMinute);

  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::faulted);
  EXPECT_EQ(violations(bad, Violation::out_of_fuel), 6u);
  EXPECT_EQ(info.stats.total_violations(), 6u);
  EXPECT_EQ(info.stats.restarts, 2u);
  EXPECT_EQ(info.stats.activations, 6u);
  // Each activation is charged its fuel (the VM counts the 2 instructions of the final step too).
  EXPECT_GE(info.stats.instructions, 6u * 50000u);
  EXPECT_LE(info.stats.instructions, 6u * 50002u);
  const std::vector<Event> v = events_of(bad, EventKind::violation);
  ASSERT_EQ(v.size(), 6u);
  for (const Event& e : v) {
    EXPECT_EQ(e.detail, static_cast<uint8_t>(Violation::out_of_fuel));
    EXPECT_EQ(e.a, static_cast<uint32_t>(Hook::loop));
  }
  EXPECT_EQ(v[0].time_ms, 1000u);
  EXPECT_EQ(v[5].time_ms, 12000u);
  const std::vector<Event> backoffs = events_of(bad, EventKind::suspended);
  ASSERT_EQ(backoffs.size(), 2u);
  EXPECT_EQ(backoffs[0].b, 2000u);
  EXPECT_EQ(backoffs[1].b, 4000u);
  EXPECT_EQ(events_of(bad, EventKind::restarted).size(), 2u);
  ASSERT_EQ(events_of(bad, EventKind::faulted).size(), 1u);
  EXPECT_EQ(events_of(bad, EventKind::faulted)[0].time_ms, 12000u);
  EXPECT_EQ(h.logs(bad).size(), 6u);  // it announced each attempt
  expect_good_set_intact();
}

TEST_F(SmartDroneBox, InfiniteLoopIsStoppedByTheWatchdogWhenFuelAllowsMore) {
  // Same container, a device whose watchdog really fires (from another thread) after 5 ms, and a
  // fuel the loop cannot exhaust first: the deadline ends each activation instead.
  h.watchdog.fire_after_ms = 5;
  deploy_good_set();
  manifest_json::ManifestResult m = manifest_json::parse_manifest(
      slurp(std::string(TC_EXAMPLES_DIR) + "/hostile_infinite_loop.json"), &board);
  ASSERT_TRUE(m.ok());
  m.manifest.timing.fuel = UINT64_MAX;
  uint8_t cbor[manifest::kMaxEncodedSize];
  const Result<std::size_t> n = manifest::encode(m.manifest, cbor);
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE(h.agent->install(image("hostile_infinite_loop"), m.manifest, {cbor, *n}).ok());
  const std::string bad(m.manifest.name.view());
  ASSERT_TRUE(h.agent->start(bad).ok());
  run_until(12000);
  EXPECT_EQ(h.info(bad).state, State::faulted);
  EXPECT_EQ(violations(bad, Violation::deadline), 6u);
  EXPECT_EQ(h.info(bad).stats.total_violations(), 6u);
  EXPECT_EQ(events_of(bad, EventKind::faulted).size(), 1u);
  EXPECT_EQ(h.watchdog.fired.load(), 6);
}

TEST_F(SmartDroneBox, CpuHogIsThrottledToItsShare) {
  deploy_good_set();
  const std::string bad = deploy("hostile_cpu_hog");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  // 100 permille of 1000 ms = 100 ms of CPU per window = 500 activations of 200 us; then it
  // waits, visibly, until the window ends. Every window of the minute (windows start at 0, 1000,
  // ...; the one starting at 60 000 has run its first activation when the minute ends).
  EXPECT_EQ(info.stats.throttles, 60u);
  EXPECT_EQ(info.stats.activations, 60u * 500u + 1u);
  EXPECT_EQ(info.stats.total_violations(), 0u);  // under its fuel every time
  EXPECT_EQ(info.stats.total_denials(), 0u);
  EXPECT_LT(info.stats.instructions / info.stats.activations, 20000u);
  EXPECT_GT(info.stats.instructions / info.stats.activations, 15000u);  // just under
  EXPECT_EQ(events_of(bad, EventKind::suspended).size(), 60u);
  for (const Event& e : events_of(bad, EventKind::suspended))
    EXPECT_EQ(e.detail, static_cast<uint8_t>(Suspension::throttled));
  EXPECT_TRUE(events_of(bad, EventKind::violation).empty());
  expect_good_set_intact();
}

TEST_F(SmartDroneBox, MemoryEscapeIsRefusedThenTrappedRestartedAndFaulted) {
  deploy_good_set();
  const std::string bad = deploy("hostile_memory_escape");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  // Policy: 3 strikes, back-off 2000 ms doubling, 2 restarts: traps at 1, 2, 3 s; restart at
  // 5 s, traps at 6, 7, 8 s; restart at 12 s, traps at 13, 14, 15 s: faulted.
  EXPECT_EQ(info.state, State::faulted);
  EXPECT_EQ(violations(bad, Violation::trap), 9u);
  EXPECT_EQ(info.stats.total_violations(), 9u);
  EXPECT_EQ(info.stats.restarts, 2u);
  // Buffers handed to helpers outside its regions: three per activation, each TC_EFAULT.
  EXPECT_EQ(denials(bad, TC_EFAULT), 9u * 3u);
  EXPECT_EQ(info.stats.total_denials(), 9u * 3u);
  EXPECT_EQ(info.stats.endpoint_calls, 0u);  // nothing reached the battery or the store
  EXPECT_EQ(info.memory.storage_bytes, 0u);

  const std::vector<Event> v = events_of(bad, EventKind::violation);
  ASSERT_EQ(v.size(), 9u);
  const uint64_t data_end = (uint64_t{TC_SLOT_DATA} << 32) | 64;
  const struct {
    vm::TrapKind kind;
    uint64_t address;
  } expected[3] = {{vm::TrapKind::load_out_of_bounds, 0},
                   {vm::TrapKind::store_out_of_bounds, (uint64_t{6} << 32) | 0x40},
                   {vm::TrapKind::load_out_of_bounds, data_end}};
  for (std::size_t i = 0; i < v.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(v[i].detail, static_cast<uint8_t>(Violation::trap));
    EXPECT_EQ(v[i].d, static_cast<uint32_t>(expected[i % 3].kind));
    EXPECT_EQ(v[i].c, expected[i % 3].address);
  }
  EXPECT_EQ(v[0].time_ms, 1000u);
  EXPECT_EQ(v[3].time_ms, 6000u);
  EXPECT_EQ(v[8].time_ms, 15000u);
  EXPECT_EQ(events_of(bad, EventKind::restarted).size(), 2u);
  EXPECT_EQ(events_of(bad, EventKind::faulted).size(), 1u);
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_EFAULT), 9u * 3u);
}

TEST_F(SmartDroneBox, UnlistedEndpointIsNeverOpened) {
  deploy_good_set();
  const std::string bad = deploy("hostile_unlisted_endpoint");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::running);  // denied, not killed
  EXPECT_EQ(denials(bad, TC_ENOENDPOINT), 60u * 2u);
  EXPECT_EQ(info.stats.total_denials(), 60u * 2u);
  EXPECT_EQ(info.stats.total_violations(), 0u);
  EXPECT_EQ(info.stats.endpoint_calls, 60u);  // its battery reads, the grant it has
  EXPECT_TRUE(resource("actuator/lock").writes.empty());
  // Reported: at most one denial event per second, together standing for every denial.
  EXPECT_LE(events_of(bad, EventKind::denial).size(), 60u);
  std::vector<uint32_t> ids;
  for (const Event& e : events_of(bad, EventKind::denial))
    if (e.a != 0xff) ids.push_back(e.a);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], 2u);  // the first one names the endpoint it tried
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_ENOENDPOINT), 60u * 2u);
}

TEST_F(SmartDroneBox, EndpointFloodIsHeldToItsRate) {
  deploy_good_set();
  const std::string bad = deploy("hostile_endpoint_flood");
  const uint32_t humidity_before = resource("sensor/humidity").calls;
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::running);
  constexpr uint32_t kAttempts = 600u * 50u;  // 50 reads every 100 ms
  // 5 calls per second: the initial burst of 5, then one call per 200 ms of refill.
  const uint32_t allowed = 5u + (kMinute - 100u) / 200u;
  EXPECT_EQ(info.stats.endpoint_calls, allowed);
  EXPECT_EQ(denials(bad, TC_ERATE), kAttempts - allowed);
  EXPECT_EQ(info.stats.total_denials(), kAttempts - allowed);
  EXPECT_LE(events_of(bad, EventKind::denial).size(), 60u);
  // The sensor itself saw only the allowed calls (plus climate_monitor's own reads).
  EXPECT_EQ(resource("sensor/humidity").calls - humidity_before, allowed + 60u);
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_ERATE), kAttempts - allowed);
}

TEST_F(SmartDroneBox, ActuatorWritesOutsideTheBoundsNeverReachTheActuator) {
  deploy_good_set();
  const std::string bad = deploy("hostile_actuator_bounds");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::running);
  EXPECT_EQ(denials(bad, TC_EBOUNDS), 60u * 4u);
  EXPECT_EQ(info.stats.total_denials(), 60u * 4u);
  EXPECT_TRUE(resource("actuator/lock").writes.empty());
  EXPECT_EQ(resource("actuator/backlight").writes, std::vector<int64_t>(60, 50));
  EXPECT_EQ(info.stats.energy_uj, 60u * 20u);  // only the in-bounds backlight writes cost energy
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_EBOUNDS), 60u * 4u);
}

TEST_F(SmartDroneBox, StorageFillerStopsAtItsQuota) {
  deploy_good_set();
  const std::string bad = deploy("hostile_storage_filler");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::running);
  // 1024 bytes of quota, 69 bytes per entry (5-byte key, 64-byte value): 14 entries fit.
  EXPECT_EQ(info.memory.storage_bytes, 14u * 69u);
  EXPECT_EQ(denials(bad, TC_EQUOTA), 60u * 4u - 14u);
  EXPECT_EQ(info.stats.total_denials(), 60u * 4u - 14u);
  std::size_t keys = 0;
  for (const auto& [key, value] : h.storage->data)
    if (key.starts_with("k/" + bad + "/")) ++keys;
  EXPECT_EQ(keys, 14u);
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_EQUOTA), 60u * 4u - 14u);
}

TEST_F(SmartDroneBox, ChannelsDoNotCrossTenantsOrUnnamedChannels) {
  deploy_good_set();
  const std::string bad = deploy("hostile_channel");
  run_until(kMinute);
  const ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.state, State::running);
  EXPECT_EQ(denials(bad, TC_ENOENDPOINT), 60u);  // endpoint 9: a channel it does not name
  EXPECT_EQ(denials(bad, TC_ENOTFOUND), 60u);    // endpoint 3: the battery is not a channel
  EXPECT_EQ(info.stats.total_denials(), 120u);
  // Its publishes on channel/alerts and channel/chatter are accepted but reach nobody: the
  // alert logger (another tenant) only ever got climate_monitor's two alerts.
  EXPECT_EQ(info.stats.endpoint_calls, 120u);
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_ENOENDPOINT), 60u);
  EXPECT_EQ(reported_denials(bad, TC_ENOTFOUND), 60u);
}

TEST_F(SmartDroneBox, EnergyDrainIsCutAtItsBudget) {
  deploy_good_set();
  const std::string bad = deploy("hostile_energy_drain");
  // 200 000 uJ per 60 s window, 20 000 uJ per scan: ten scans; three tries every second. The
  // window opened at start (t=0): scans at 1..4 s use it up, later ones are refused until 60 s.
  run_until(kMinute - 1);
  ContainerInfo info = h.info(bad);
  EXPECT_EQ(info.stats.energy_uj, 200000u);
  EXPECT_EQ(info.stats.endpoint_calls, 10u);
  EXPECT_EQ(denials(bad, TC_EENERGY), 59u * 3u - 10u);
  // At 60 s a new window starts: three more scans.
  run_until(kMinute);
  info = h.info(bad);
  EXPECT_EQ(info.state, State::running);
  EXPECT_EQ(info.stats.energy_uj, 260000u);
  EXPECT_EQ(info.stats.endpoint_calls, 13u);
  EXPECT_EQ(denials(bad, TC_EENERGY), 59u * 3u - 10u);
  EXPECT_EQ(info.stats.total_denials(), 59u * 3u - 10u);
  EXPECT_EQ(resource("radio/scanner").calls, 13u + 6u);  // its 13 + the radio mapper's six
  expect_good_set_intact();
  flush_reports(bad);  // every denial is reported in the event ring
  EXPECT_EQ(reported_denials(bad, TC_EENERGY), 59u * 3u - 10u);
}

}  // namespace
}  // namespace tc::agent::test
