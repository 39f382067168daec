// N simulated devices in one process, driven by one thread: every device's socket in one epoll
// set, the devices' timers polled together every few tens of milliseconds, and the first
// registrations started a window at a time (at most `parallel` in flight), as a fleet that
// powers up together but not in the same microsecond.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "coap/endpoint.hpp"
#include "sim_device.hpp"
#include "udp_socket.hpp"

namespace tc::bench {

struct FleetConfig {
  std::size_t count = 1000;
  std::string host = "127.0.0.1";  // where the devices listen
  std::string prefix = "sim-";     // device ids are prefix + a 4-digit number from 0001
  std::string container = "bench";
  std::optional<coap::Endpoint> directory;  // none: the devices do not register
  uint32_t lifetime_s = 300;
  std::size_t parallel = 32;  // first registrations in flight at once
  uint64_t seed = 1;
};

struct FleetTotals {
  uint64_t export_requests = 0;
  uint64_t requests = 0;    // CoAP requests the devices' servers processed
  uint64_t duplicates = 0;  // retransmitted requests answered from the deduplication caches
  uint64_t busy = 0;
  uint64_t send_errors = 0;
  uint64_t registrations = 0;          // 2.01 and 2.04 answers from the directory
  uint64_t registration_failures = 0;  // attempts abandoned
};

class DeviceFleet {
 public:
  // Binds every device's socket; null and `error` set on failure.
  static std::unique_ptr<DeviceFleet> create(const FleetConfig& config, std::string& error);
  ~DeviceFleet();
  DeviceFleet(const DeviceFleet&) = delete;
  DeviceFleet& operator=(const DeviceFleet&) = delete;

  // "ID HOST:PORT", one line per device.
  void write_addresses(std::ostream& out) const;

  // Waits up to `max_wait_ms` for datagrams, handles them, polls the timers that are due and
  // starts registrations while the window has room.
  void step(uint64_t max_wait_ms);

  [[nodiscard]] std::size_t size() const { return devices_.size(); }
  [[nodiscard]] std::size_t registered() const { return registered_; }
  // When the first registration was sent, and when the last device of the fleet first got its
  // 2.01 (both monotonic ms); the difference is the fleet's registration time.
  [[nodiscard]] std::optional<uint64_t> first_request_ms() const { return first_request_ms_; }
  [[nodiscard]] std::optional<uint64_t> all_registered_ms() const { return all_registered_ms_; }
  [[nodiscard]] FleetTotals totals() const;
  // Why a registration could not even start (a bad endpoint name): empty when none failed so.
  [[nodiscard]] const char* registration_error() const { return registration_error_; }

 private:
  static constexpr uint64_t kPollIntervalMs = 20;

  DeviceFleet(FleetConfig config, int epoll_fd);
  void note_registration(std::size_t index, uint64_t now_ms);
  void start_registrations(uint64_t now_ms);
  void poll_all(uint64_t now_ms);

  FleetConfig config_;
  int epoll_fd_;
  native::SeededRandom random_;
  std::vector<std::unique_ptr<SimDevice>> devices_;
  std::vector<bool> registered_once_;
  std::vector<bool> registered_now_;
  std::size_t registered_ = 0;
  std::size_t first_registrations_ = 0;
  std::size_t started_ = 0;
  uint64_t next_poll_ms_ = 0;
  std::optional<uint64_t> first_request_ms_;
  std::optional<uint64_t> all_registered_ms_;
  const char* registration_error_ = "";
};

}  // namespace tc::bench
