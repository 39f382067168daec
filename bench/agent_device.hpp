// tc-bench-agent's device: a real agent over the native host ports (SteadyClock, ThreadWatchdog,
// FileStorage, GetrandomEntropy, SimResources), with two substitutions the benchmarks need:
// - BenchClock: now_ms() is advanced by the bench (so that each poll runs exactly the activations
//   it should), now_us() is the real steady clock (so the agent's CPU accounting is real);
// - the storage and the watchdog can be swapped for an in-memory store and a no-op watchdog, to
//   show what durable storage and the watchdog thread cost.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/agent.hpp"
#include "common/temp_dir.hpp"
#include "manifest/board.hpp"
#include "manifest/manifest.hpp"
#include "native_ports.hpp"
#include "sim_resources.hpp"

namespace tc::bench {

// Device time runs this far ahead of the steady clock, so that a watchdog deadline computed from
// it (now_ms + max_loop_ms) is never in the real past, however slowly the machine runs.
inline constexpr uint64_t kClockLeadMs = 3'600'000;

class BenchClock final : public agent::Clock {
 public:
  explicit BenchClock(const native::SteadyClock& real)
      : real_(real), ms_(real.now_ms() + kClockLeadMs) {}
  [[nodiscard]] uint64_t now_ms() const override { return ms_; }
  [[nodiscard]] uint64_t now_us() const override { return real_.now_us(); }
  void advance(uint64_t ms) { ms_ += ms; }

 private:
  const native::SteadyClock& real_;
  uint64_t ms_;
};

class NullWatchdog final : public agent::Watchdog {
 public:
  void arm(uint64_t /*deadline_ms*/, vm::Machine& /*machine*/) override {}
  void disarm() override {}
};

// A Storage in RAM (a std::map), the baseline against FileStorage's write + fsync + rename.
class MemoryStorage final : public agent::Storage {
 public:
  Result<uint32_t> size(std::string_view key) override;
  Result<uint32_t> read(std::string_view key, uint32_t offset, std::span<uint8_t> out) override;
  Status put(std::string_view key, std::span<const agent::Bytes> parts) override;
  Status remove(std::string_view key) override;
  Status list(std::string_view prefix, agent::KeyVisitor& visitor) override;
  [[nodiscard]] uint64_t free_bytes() const override { return uint64_t{1} << 30; }

 private:
  std::map<std::string, std::vector<uint8_t>, std::less<>> data_;
};

enum class StorageKind : uint8_t { memory, file };
enum class WatchdogKind : uint8_t { thread, none };

// The board: one integer sensor, "sensor/temperature", 1 uJ per read, a constant signal.
[[nodiscard]] const manifest::BoardProfile& bench_board();

// A manifest that never throttles (cpu_share 1000 permille), with fuel and deadlines far above
// what the bench containers need, and strikes = 1 so that any violation shows at once.
[[nodiscard]] manifest::Manifest bench_manifest(std::string_view name, uint32_t loop_period_ms);
// Adds endpoint 1, "sensor/temperature", readable, with a rate limit and byte and energy budgets
// that are all active but far above what a run uses.
void add_limited_sensor(manifest::Manifest& m);

// Reads <TC_BENCH_AGENT_IMAGE_DIR>/<stem>.tcx; throws ContainerError when it cannot.
[[nodiscard]] std::vector<uint8_t> load_image(std::string_view stem);

class Device {
 public:
  Device(uint8_t containers, StorageKind storage, WatchdogKind watchdog);
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  [[nodiscard]] agent::Agent& agent() { return *agent_; }
  [[nodiscard]] BenchClock& clock() { return clock_; }
  [[nodiscard]] agent::Resources& resources() { return resources_; }

  // Encodes `m` and installs `image` with it; throws ContainerError on failure.
  void install(std::span<const uint8_t> image, const manifest::Manifest& m);
  // install() then start(); throws ContainerError on failure.
  void install_and_start(std::span<const uint8_t> image, const manifest::Manifest& m);
  // The container's statistics; throws ContainerError when it is not installed.
  [[nodiscard]] agent::ContainerInfo info(std::string_view name) const;

 private:
  native::SteadyClock real_;
  BenchClock clock_{real_};
  std::optional<native::ThreadWatchdog> thread_watchdog_;
  NullWatchdog null_watchdog_;
  std::optional<cli::TempDir> dir_;  // the file storage's directory
  std::optional<native::FileStorage> file_storage_;
  MemoryStorage memory_storage_;
  native::SimResources resources_;
  native::GetrandomEntropy entropy_;
  std::vector<uint64_t> pool_;  // 8-byte aligned
  std::unique_ptr<agent::Agent> agent_;
};

}  // namespace tc::bench
