// Test doubles for the agent's ports, a harness that owns an agent over them, and helpers to load
// the test containers (tests/data/agent/*.c, built by tcctl) and to make manifests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "agent/agent.hpp"
#include "tinycontainer.h"

namespace tc::agent::test {

class FakeClock final : public Clock {
 public:
  uint64_t now_ms() const override { return ms; }
  // Each call moves the microsecond clock by `us_step`, so that every activation seems to take
  // us_step of CPU time.
  uint64_t now_us() const override {
    extra_us += us_step;
    return ms * 1000 + extra_us;
  }
  uint64_t ms = 0;
  uint64_t us_step = 0;
  mutable uint64_t extra_us = 0;
};

// Fires for real `fire_after_ms` after arm() when enabled, from another thread (as an ISR would).
class FakeWatchdog final : public Watchdog {
 public:
  ~FakeWatchdog() override { disarm(); }
  void arm(uint64_t deadline_ms, vm::Machine& machine) override {
    ++arms;
    last_deadline = deadline_ms;
    if (fire_after_ms < 0) return;
    disarm();
    std::lock_guard<std::mutex> lock(mutex_);
    armed_ = true;
    thread_ = std::thread([this, &machine] {
      std::unique_lock<std::mutex> l(mutex_);
      if (!cv_.wait_for(l, std::chrono::milliseconds(fire_after_ms), [this] { return !armed_; })) {
        machine.request_stop();
        ++fired;
      }
    });
  }
  void disarm() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      armed_ = false;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  int fire_after_ms = -1;
  int arms = 0;
  uint64_t last_deadline = 0;
  std::atomic<int> fired{0};

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool armed_ = false;
  std::thread thread_;
};

class MemStorage final : public Storage {
 public:
  Result<uint32_t> size(std::string_view key) override {
    auto it = data.find(std::string(key));
    if (it == data.end()) return Status{StatusCode::not_found, "no key"};
    return static_cast<uint32_t>(it->second.size());
  }
  Result<uint32_t> read(std::string_view key, uint32_t offset, std::span<uint8_t> out) override {
    auto it = data.find(std::string(key));
    if (it == data.end()) return Status{StatusCode::not_found, "no key"};
    if (offset > it->second.size()) return 0u;
    const std::size_t n = std::min(out.size(), it->second.size() - offset);
    std::memcpy(out.data(), it->second.data() + offset, n);
    return static_cast<uint32_t>(n);
  }
  Status put(std::string_view key, std::span<const Bytes> parts) override {
    if (fail_puts) return {StatusCode::internal, "put failed"};
    if (slow_clock != nullptr) slow_clock->ms += write_delay_ms;  // a durable write takes time
    std::vector<uint8_t> value;
    for (Bytes p : parts)
      value.insert(value.end(), p.begin(), p.end());
    data[std::string(key)] = std::move(value);
    ++puts;
    return Status::Ok();
  }
  Status remove(std::string_view key) override {
    return data.erase(std::string(key)) ? Status::Ok() : Status{StatusCode::not_found, "no key"};
  }
  Status list(std::string_view prefix, KeyVisitor& visitor) override {
    for (const auto& [key, value] : data) {
      if (key.starts_with(prefix) && !visitor.visit(key, static_cast<uint32_t>(value.size())))
        break;
    }
    return Status::Ok();
  }
  uint64_t free_bytes() const override { return 1 << 20; }

  std::map<std::string, std::vector<uint8_t>> data;
  bool fail_puts = false;
  FakeClock* slow_clock = nullptr;
  uint64_t write_delay_ms = 0;
  int puts = 0;
};

class FakeResources final : public Resources {
 public:
  struct Resource {
    std::string target;
    ResourceInfo info;
    int64_t value = 0;
    std::vector<int64_t> writes;
    uint32_t calls = 0;
  };
  FakeResources() {
    add("sensor/temperature", ValueType::integer, true, false, 2150);
    add("sensor/humidity", ValueType::integer, true, false, 40);
    add("sensor/light", ValueType::integer, true, false, 300, 40);
    add("actuator/lock", ValueType::integer, true, true, 0).info.max_value = 1000;
    add("radio/scanner", ValueType::bytes, true, false, 0);
    add("actuator/display", ValueType::bytes, false, true, 0).info.max_bytes = 16;
  }
  Resource& add(std::string target, ValueType type, bool readable, bool writable, int64_t value,
                uint32_t energy = 0) {
    auto r = std::make_unique<Resource>();
    r->target = std::move(target);
    r->info.type = type;
    r->info.readable = readable;
    r->info.writable = writable;
    r->info.energy_uj_per_use = energy;
    r->value = value;
    resources.push_back(std::move(r));
    return *resources.back();
  }
  uint32_t count() const override { return static_cast<uint32_t>(resources.size()); }
  ResourceInfo info(uint32_t i) const override {
    ResourceInfo out = resources[i]->info;
    out.target = resources[i]->target;
    return out;
  }
  Result<int64_t> read_value(uint32_t i) override {
    ++resources[i]->calls;
    return resources[i]->value;
  }
  Status write_value(uint32_t i, int64_t v) override {
    ++resources[i]->calls;
    resources[i]->writes.push_back(v);
    resources[i]->value = v;
    return Status::Ok();
  }
  Result<uint32_t> read_bytes(uint32_t i, std::span<uint8_t> out) override {
    ++resources[i]->calls;
    for (std::size_t k = 0; k < out.size(); ++k)
      out[k] = static_cast<uint8_t>(k);
    return static_cast<uint32_t>(out.size());
  }
  Result<uint32_t> write_bytes(uint32_t i, std::span<const uint8_t> in) override {
    ++resources[i]->calls;
    return static_cast<uint32_t>(in.size());
  }
  Resource& by_target(std::string_view t) {
    for (auto& r : resources)
      if (r->target == t) return *r;
    throw std::runtime_error("no resource");
  }
  std::vector<std::unique_ptr<Resource>> resources;
};

class FakeEntropy final : public Entropy {
 public:
  uint32_t random_u32() override { return 4; }  // chosen by fair dice roll
};

class Responses final : public ResponseSink {
 public:
  struct Response {
    uint32_t token;
    uint8_t code;
    uint16_t format;
    std::vector<uint8_t> payload;
  };
  void respond(uint32_t token, uint8_t code, uint16_t format,
               std::span<const uint8_t> payload) override {
    all.push_back({token, code, format, {payload.begin(), payload.end()}});
  }
  std::vector<Response> all;
};

class LogLines final : public LogVisitor {
 public:
  void line(uint32_t, uint64_t, std::string_view text) override { lines.emplace_back(text); }
  std::vector<std::string> lines;
};

inline std::vector<uint8_t> image(const std::string& name) {
  std::ifstream in(std::string(TC_AGENT_DATA) + "/" + name + ".tcx", std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return {std::istreambuf_iterator<char>(in), {}};
}

inline manifest::Manifest make_manifest(const std::string& name, uint32_t version = 1) {
  manifest::Manifest m;
  EXPECT_TRUE(m.name.assign(name));
  EXPECT_TRUE(m.tenant.assign("acme"));
  m.version = version;
  m.memory.stack_bytes = 1024;
  m.memory.data_bytes = 256;
  m.timing.loop_period_ms = 100;
  m.timing.fuel = 100000;
  m.failure.strikes = 2;
  m.failure.backoff_ms = 100;
  m.failure.max_restarts = 2;
  return m;
}

inline manifest::Endpoint& add_endpoint(
    manifest::Manifest& m, uint8_t id, const char* target, manifest::Direction direction,
    manifest::TargetKind kind = manifest::TargetKind::resource) {
  manifest::Endpoint& e = m.endpoints[m.endpoint_count++];
  e.id = id;
  EXPECT_TRUE(e.target.assign(target));
  e.direction = direction;
  e.kind = kind;
  return e;
}

inline void add_export(manifest::Manifest& m, const char* path) {
  manifest::Export& x = m.exports[m.export_count++];
  EXPECT_TRUE(x.path.assign(path));
  x.methods = 0x2;  // POST
}

// An agent over fakes, with its pool.
struct Harness {
  explicit Harness(uint8_t containers = 4, MemStorage* shared = nullptr)
      : storage(shared != nullptr ? shared : &own_storage) {
    config.containers = containers;
    config.events = 128;
    config.responses = &responses;
    agent = std::make_unique<Agent>(Ports{clock, watchdog, *storage, resources, entropy}, config);
  }
  Status begin() { return agent->begin(pool); }

  // Installs `image_name` as `m` and returns the status.
  Status install(const std::string& image_name, const manifest::Manifest& m) {
    const std::vector<uint8_t> bytes = image(image_name);
    const uint8_t cbor[] = {0xa1, 0x01, 0x61, 0x78};  // stands in for the manifest's CBOR
    return agent->install(bytes, m, cbor);
  }
  ContainerInfo info(const std::string& name) {
    Result<ContainerInfo> r = agent->status(name);
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? *r : ContainerInfo{};
  }
  std::vector<Event> events(EventKind kind) {
    std::vector<Event> all(256);
    all.resize(agent->events(0, all));
    std::vector<Event> out;
    for (const Event& e : all)
      if (e.kind == kind) out.push_back(e);
    return out;
  }
  std::vector<std::string> logs(const std::string& name) {
    LogLines lines;
    EXPECT_TRUE(agent->logs(name, 0, lines).ok());
    return lines.lines;
  }
  // Advances the fake clock to `until_ms` in steps, polling at each.
  void run_until(uint64_t until_ms, uint64_t step_ms = 1) {
    while (clock.ms < until_ms) {
      clock.ms += step_ms;
      agent->poll(clock.ms);
    }
  }

  FakeClock clock;
  FakeWatchdog watchdog;
  MemStorage own_storage;
  MemStorage* storage;
  FakeResources resources;
  FakeEntropy entropy;
  Responses responses;
  Config config;
  std::unique_ptr<Agent> agent;
  alignas(8) uint8_t pool[96 * 1024] = {};
};

}  // namespace tc::agent::test
