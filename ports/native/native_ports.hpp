// The native (Linux) implementations of the agent's ports (docs/agent.md, "Ports"): a steady
// clock, a watchdog thread, getrandom entropy and a file-per-key Storage with atomic put. The
// simulated resources are in sim_resources.hpp. Host code: C++20 with the standard library.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "agent/clock.hpp"
#include "agent/entropy.hpp"
#include "agent/storage.hpp"
#include "agent/watchdog.hpp"

namespace tc::native {

// Milliseconds and microseconds since construction, on std::chrono::steady_clock.
class SteadyClock final : public agent::Clock {
 public:
  [[nodiscard]] uint64_t now_ms() const override { return now_us() / 1000; }
  [[nodiscard]] uint64_t now_us() const override {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - start_)
                                     .count());
  }
  // The steady_clock time point of a device time in ms (the watchdog waits on it).
  [[nodiscard]] std::chrono::steady_clock::time_point at(uint64_t ms) const {
    return start_ + std::chrono::milliseconds(ms);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// One timer thread. arm() records the deadline and the machine under a mutex and wakes the
// thread; at the deadline the thread calls request_stop() while holding the mutex, so once
// disarm() (which takes the same mutex) returns, the machine is never touched again.
class ThreadWatchdog final : public agent::Watchdog {
 public:
  explicit ThreadWatchdog(const SteadyClock& clock);
  ~ThreadWatchdog() override;
  ThreadWatchdog(const ThreadWatchdog&) = delete;
  ThreadWatchdog& operator=(const ThreadWatchdog&) = delete;

  void arm(uint64_t deadline_ms, vm::Machine& machine) override;
  void disarm() override;
  [[nodiscard]] uint64_t fired() const;  // how many times it stopped a machine

 private:
  void run();

  const SteadyClock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  vm::Machine* machine_ = nullptr;
  uint64_t deadline_ms_ = 0;
  uint64_t generation_ = 0;
  uint64_t fired_ = 0;
  bool quit_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

class GetrandomEntropy final : public agent::Entropy {
 public:
  uint32_t random_u32() override;
};

// Storage: one file per key in `dir`, named by the key with every byte outside [A-Za-z0-9_-]
// escaped as %XX (so "c/app" is "c%2Fapp"). put() writes "<file>.tmp", fsyncs it, renames it
// over the file and fsyncs the directory: after a crash the key holds the old or the new value.
// Leftover temporaries are deleted when the store opens.
class FileStorage final : public agent::Storage {
 public:
  // Creates `dir` if needed; check ok() (and error()) afterwards.
  explicit FileStorage(std::filesystem::path dir);

  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }

  Result<uint32_t> size(std::string_view key) override;
  Result<uint32_t> read(std::string_view key, uint32_t offset, std::span<uint8_t> out) override;
  Status put(std::string_view key, std::span<const agent::Bytes> parts) override;
  Status remove(std::string_view key) override;
  Status list(std::string_view prefix, agent::KeyVisitor& visitor) override;
  [[nodiscard]] uint64_t free_bytes() const override;

  // Test hook: put() stops after the temporary file is written and synced, before the rename,
  // as a crash at that point would.
  bool crash_before_rename = false;

  // Fault injection for the power-loss tests (tc-device takes it from TC_FAULT_PUT=PREFIX:N:STEP):
  // the process kills itself with SIGKILL, as a power cut would stop it, inside the `nth` put()
  // of a key starting with `prefix`, at `step`: 0 before the temporary file is created, 1 after
  // its bytes are written, 2 after its fsync, 3 after the rename (before the directory's fsync).
  struct CrashPlan {
    std::string prefix;
    uint32_t nth = 1;
    uint8_t step = 0;
  };
  // Parses PREFIX:N:STEP; false when malformed.
  static bool parse_crash_plan(std::string_view text, CrashPlan& out);
  std::optional<CrashPlan> crash_plan;

  [[nodiscard]] static std::string file_name(std::string_view key);
  [[nodiscard]] static bool key_of(std::string_view file, std::string& key);

 private:
  [[nodiscard]] std::filesystem::path path_of(std::string_view key) const;

  // Kills the process when the crash plan says this put, at this step.
  void crash_point(uint8_t step) const;

  std::filesystem::path dir_;
  std::string error_;
  uint32_t planned_puts_ = 0;  // puts so far of keys under crash_plan->prefix
  bool crash_this_put_ = false;
};

}  // namespace tc::native
