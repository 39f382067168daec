// The device agent (DESIGN.md 2.3-2.4): several tenants' containers side by side on one device,
// each held to its manifest on every call, none able to hurt the others or the device.
//
//   tc::agent::Ports ports{clock, watchdog, storage, resources, entropy};
//   tc::agent::Agent agent(ports, config);
//   alignas(8) static uint8_t pool[64 * 1024];
//   agent.begin(pool);                        // carves the slots, restores from storage
//   agent.install(image, manifest, cbor);     // verify, persist
//   agent.start("sensor-app");
//   for (;;) sleep_until(agent.poll(clock.now_ms()));
//
// No heap: everything per container (its control block, image, data, stack, inbox, logs) lives in
// the pool given to begin(), split into equal slots. Single-threaded: call the agent from one
// thread (the device's main loop); only the Watchdog port may act from elsewhere. The agent is not
// re-entrant: a ResponseSink must not call back into it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "agent/event.hpp"
#include "agent/event_ring.hpp"
#include "agent/ports.hpp"
#include "agent/state.hpp"
#include "agent/stats.hpp"
#include "agent/uplink.hpp"
#include "core/status.hpp"
#include "manifest/manifest.hpp"

namespace tc::agent {

#ifndef TC_AGENT_MAX_CONTAINERS
#define TC_AGENT_MAX_CONTAINERS 8
#endif
// Upper bound of Config::containers (the slot table is a fixed array of this size).
inline constexpr uint8_t kMaxContainers = TC_AGENT_MAX_CONTAINERS;
inline constexpr uint64_t kNever = UINT64_MAX;
inline constexpr uint32_t kMaxLogLine = 120;  // longer tc_log lines are truncated
inline constexpr uint32_t kMaxKvKey = 32;     // bytes, [A-Za-z0-9._-]
inline constexpr uint32_t kMaxKvValue = 4096;
inline constexpr uint8_t kCoapServiceUnavailable = 5 * 32 + 3;
inline constexpr uint8_t kCoapInternalError = 5 * 32 + 0;
inline constexpr uint8_t kCoapContent = 2 * 32 + 5;
inline constexpr uint8_t kCoapNotImplemented = 5 * 32 + 1;

// Re-creates a Manifest from its CBOR bytes (the manifest codec); used to restore a record whose
// manifest snapshot was written by a firmware with another Manifest layout.
using ManifestDecoder = Status (*)(std::span<const uint8_t> cbor, manifest::Manifest& out);

// Receives the answers to request() (a CoAP layer), during poll() or request() itself.
class ResponseSink {
 public:
  virtual void respond(uint32_t token, uint8_t code, uint16_t content_format,
                       std::span<const uint8_t> payload) = 0;

 protected:
  ~ResponseSink() = default;
};

// Receives log lines, oldest first.
class LogVisitor {
 public:
  virtual void line(uint32_t seq, uint64_t time_ms, std::string_view text) = 0;

 protected:
  ~LogVisitor() = default;
};

struct Config {
  uint8_t containers = 4;        // slots carved from the pool (<= kMaxContainers)
  uint32_t context_bytes = 256;  // largest channel message / request payload
  uint32_t inbox_bytes = 512;    // per container: queued messages and requests
  uint32_t log_bytes = 512;      // per container: the tc_log ring
  uint16_t events = 32;          // the event ring, carved from the pool too
  ManifestDecoder decode_manifest = nullptr;
  ResponseSink* responses = nullptr;
  // Where writes to remote endpoints go (optional: without it they answer TC_ENOTSUP).
  Uplink* uplink = nullptr;
};

struct ContainerInfo {
  manifest::Name name;
  manifest::Name tenant;
  uint32_t version = 0;
  uint64_t sequence = 0;  // SUIT sequence number (0: unsigned development install)
  State state = State::empty;
  Suspension suspension = Suspension::none;
  bool activation_in_progress = false;  // a hook is suspended (tc_sleep_until)
  uint8_t slot = 0;
  Stats stats;
  MemoryUse memory;
};

class Slot;
struct HelperBodies;

class Agent {
 public:
  Agent(const Ports& ports, const Config& config) : ports_(ports), config_(config) {}
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Carves the event ring and the slots from `pool` (8-byte aligned is best), then restores the
  // installed containers from storage and restarts those that were running.
  Status begin(std::span<uint8_t> pool);
  // Pool bytes each slot has for a container's image, manifest CBOR, data, bss and stack.
  [[nodiscard]] uint32_t container_capacity() const { return container_capacity_; }

  // Life cycle (DESIGN.md 2.4). `manifest_cbor` is persisted with the image and decoded manifest.
  // `sequence` is the SUIT sequence number of a signed deployment: it must be above
  // accepted_sequence(name) (anti-rollback) and becomes the new mark once the version is
  // committed. 0 is an unsigned development install, which neither checks nor moves the mark.
  Status install(std::span<const uint8_t> image, const manifest::Manifest& manifest,
                 std::span<const uint8_t> manifest_cbor, uint64_t sequence = 0);
  Status start(std::string_view name);
  Status stop(std::string_view name);
  Status restart(std::string_view name);  // also clears faulted and lifetime suspension
  Status update(std::string_view name, std::span<const uint8_t> image,
                const manifest::Manifest& manifest, std::span<const uint8_t> manifest_cbor,
                uint64_t sequence = 0);
  Status remove(std::string_view name);

  // The highest sequence number committed for `name` (0: none): kept in the container's record
  // and in a mark that outlives remove().
  [[nodiscard]] uint64_t accepted_sequence(std::string_view name) const;
  // Records a refused deployment in the event stream: `reason` is the installer's code (the SUIT
  // error), `name` the container it claimed to be (untrusted, possibly empty).
  void refused(std::string_view name, uint8_t reason);

  std::size_t list(std::span<ContainerInfo> out) const;
  [[nodiscard]] Result<ContainerInfo> status(std::string_view name) const;
  // Visits the retained log lines with seq >= from_seq; returns how many.
  Result<std::size_t> logs(std::string_view name, uint32_t from_seq, LogVisitor& visitor) const;

  // A CoAP request to export `export_index` of a running container. Queued in its inbox; the
  // answer goes to Config::responses with `token` once tc_on_request has run (or right away
  // with 5.03 if the container stops first).
  Status request(std::string_view name, uint8_t export_index, uint8_t method,
                 std::span<const uint8_t> payload, uint32_t token);
  // The export index of `path` in a container's manifest (for the CoAP layer's routing).
  [[nodiscard]] Result<uint8_t> find_export(std::string_view name, std::string_view path) const;

  // Runs the activations due at `now_ms`, at most one per container, round robin; returns when
  // the next one is due (now_ms if some are already due again, kNever if nothing is scheduled).
  uint64_t poll(uint64_t now_ms);

  std::size_t events(uint32_t from_seq, std::span<Event> out) const {
    return events_.read(from_seq, out);
  }
  [[nodiscard]] uint32_t next_event_seq() const { return events_.next_seq(); }

 private:
  friend struct HelperBodies;

  [[nodiscard]] Slot* find(std::string_view name) const;
  [[nodiscard]] Slot* free_slot() const;
  [[nodiscard]] uint64_t now() const { return ports_.clock.now_ms(); }
  void emit(const Slot& s, EventKind kind, uint8_t detail = 0, uint32_t a = 0, uint32_t b = 0,
            uint64_t c = 0, uint32_t count = 1, uint32_t d = 0);
  [[nodiscard]] ContainerInfo info(const Slot& s) const;

  // lifecycle.cpp
  Status check_new(const manifest::Manifest& m, std::span<const uint8_t> image,
                   std::span<const uint8_t> cbor, const Slot* replacing) const;
  Status place(Slot& s, std::span<const uint8_t> image, const manifest::Manifest& m,
               std::span<const uint8_t> cbor);
  Status adopt(Slot& s);
  Status load(Slot& s);
  Status launch(Slot& s);
  void halt(Slot& s);
  void release(Slot& s);
  void finish_start(Slot& s, bool ok);
  Status persist_record(const Slot& s);
  Status persist_state(const Slot& s);
  [[nodiscard]] Status check_sequence(std::string_view name, uint64_t sequence) const;
  void raise_mark(std::string_view name, uint64_t sequence);
  Status restore(Slot& s, std::string_view name);
  void restore_all();
  void forget_storage(std::string_view name);

  // scheduler.cpp
  void run_due(Slot& s, uint64_t now_ms);
  [[nodiscard]] uint64_t next_due(const Slot& s, uint64_t now_ms) const;
  bool throttle(Slot& s, uint64_t now_ms);
  void activate(Slot& s, Hook hook, std::span<const uint64_t> args);
  void resume(Slot& s, uint64_t r0);
  // Runs one VM entry (run or resume) under the watchdog and charges its CPU time.
  template <typename Run>
  void run_timed(Slot& s, Run run);
  // Runs a blocking device operation (a durable storage write) from inside a helper. Its time is
  // the device's, not the container's: the watchdog pauses, and the deadline and the CPU charge
  // move by the time it took.
  template <typename Op>
  auto device_io(Slot& s, Op op);
  void settle(Slot& s, const vm::RunResult& r);
  void finish_hook(Slot& s, bool ok, int64_t result);
  void violation(Slot& s, Violation kind, const vm::RunResult& r);
  void strike(Slot& s);
  void struck_out(Slot& s);
  void fault(Slot& s);
  void abort_activation(Slot& s, uint8_t code = kCoapServiceUnavailable);
  void run_inbox(Slot& s);
  void drain_inbox(Slot& s);
  void flush_limited(Slot& s, uint64_t now_ms);

  // endpoints.cpp, kv.cpp, channels.cpp, requests.cpp: the helpers' bodies.
  int64_t deny(Slot& s, int64_t code, uint32_t endpoint_id);
  int64_t open(Slot& s, uint64_t id);
  int64_t read(Slot& s, uint64_t handle, uint64_t buf, uint64_t len);
  int64_t write(Slot& s, uint64_t handle, uint64_t buf, uint64_t len);
  int64_t close(Slot& s, uint64_t handle);
  int64_t publish(Slot& s, uint64_t channel, uint64_t buf, uint64_t len);
  int64_t write_endpoint(Slot& s, uint8_t index, uint64_t buf, uint64_t len);
  int64_t write_remote(Slot& s, uint8_t index, uint64_t buf, uint64_t len);
  int64_t deliver(Slot& from, const manifest::Endpoint& ep, std::span<const uint8_t> payload);
  int64_t kv_get(Slot& s, const uint64_t (&args)[5]);
  int64_t kv_put(Slot& s, const uint64_t (&args)[5]);
  int64_t kv_delete(Slot& s, const uint64_t (&args)[5]);
  uint32_t kv_usage(std::string_view name);
  int64_t respond(Slot& s, const uint64_t (&args)[5]);
  int64_t log(Slot& s, uint64_t msg, uint64_t len);
  vm::HelperResult sleep_until(Slot& s, uint64_t time_ms);
  void complete_request(Slot& s, uint32_t token, uint8_t code, std::span<const uint8_t> payload,
                        uint16_t format = 0);

  Ports ports_;
  Config config_;
  EventRing events_;
  Slot* slots_[kMaxContainers] = {};
  uint8_t count_ = 0;
  uint8_t cursor_ = 0;  // round robin start of the next poll
  uint32_t container_capacity_ = 0;
  bool busy_ = false;  // an activation is running: refuse re-entrant life-cycle calls
};

}  // namespace tc::agent
