// One container slot (internal to the agent): the control block the agent places at the start of
// the slot's share of the pool, followed by the memory it hands out:
//
//   [Slot][context buffer][inbox][log ring][blob: manifest CBOR, image][arena: data+bss, stack]
//
// The blob holds the bytes the VM executes in place, so it stays put while the container is
// loaded. Everything here is trivially destructible: freeing a slot is resetting its state.
#pragma once

#include <cstdint>
#include <span>

#include "agent/bucket.hpp"
#include "agent/byte_queue.hpp"
#include "agent/state.hpp"
#include "agent/stats.hpp"
#include "image/image.hpp"
#include "image/loader.hpp"
#include "manifest/manifest.hpp"
#include "vm/vm.hpp"

namespace tc::agent {

class Agent;

inline constexpr uint32_t kNoEntry = UINT32_MAX;
inline constexpr uint32_t kNoResource = UINT32_MAX;
inline constexpr uint32_t kInboxHeader = 8;  // InboxHeader below, before the payload

// Runtime state of one manifest endpoint (same index as Manifest::endpoints).
struct EndpointRuntime {
  bool open = false;
  uint32_t resource = kNoResource;  // index in the Resources port for resource targets
  TokenBucket calls;
  WindowBudget bytes;
  WindowBudget energy;
};

// The activation in progress: at most one per container.
struct Activation {
  bool active = false;
  Hook hook = Hook::start;
  bool sleeping = false;     // suspended in tc_sleep_until
  bool responded = false;    // tc_respond was called (requests)
  uint32_t token = 0;        // the request's token
  uint64_t deadline_ms = 0;  // wall-clock deadline of the whole activation
  uint64_t wake_ms = 0;
  uint64_t cpu_us = 0;   // CPU time of this activation so far
  uint64_t io_us = 0;    // device I/O inside helpers during the current run: not the container's
  uint64_t counted = 0;  // instructions already added to the stats
};

// One event per second per reason at most; the rest are counted into the next event.
struct RateLimit {
  static constexpr uint64_t kPeriodMs = 1000;
  uint64_t last_ms = 0;
  uint32_t pending = 0;
  bool ever = false;

  // One more occurrence at `now_ms`: the count an event should carry now, or 0 to stay quiet.
  uint32_t hit(uint64_t now_ms) {
    if (ever && now_ms - last_ms < kPeriodMs) {
      ++pending;
      return 0;
    }
    ever = true;
    last_ms = now_ms;
    const uint32_t n = pending + 1;
    pending = 0;
    return n;
  }
  // The occurrences kept quiet whose period has ended (to report them even if no more come).
  uint32_t flush(uint64_t now_ms) {
    if (pending == 0 || now_ms - last_ms < kPeriodMs) return 0;
    const uint32_t n = pending;
    pending = 0;
    last_ms = now_ms;
    return n;
  }
};

// What an inbox record starts with.
struct InboxHeader {
  uint8_t type;  // 1 message, 2 request
  uint8_t from_or_export;
  uint8_t method;
  uint8_t reserved;
  uint32_t token;
};
static_assert(sizeof(InboxHeader) == kInboxHeader);
inline constexpr uint8_t kInboxMessage = 1;
inline constexpr uint8_t kInboxRequest = 2;

class Slot {
 public:
  Slot(Agent& owner, uint8_t slot_index) : agent(&owner), index(slot_index) {}
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

  [[nodiscard]] bool in_use() const { return state != State::empty; }
  // Running or waiting to run (throttled): activations may be queued for it.
  [[nodiscard]] bool live() const {
    return state == State::running ||
           (state == State::suspended && suspension == Suspension::throttled);
  }
  [[nodiscard]] std::span<const uint8_t> image_bytes() const {
    return blob.subspan(image_offset, image_size);
  }
  [[nodiscard]] std::span<const uint8_t> cbor_bytes() const { return blob.first(cbor_size); }

  Agent* agent;
  uint8_t index;
  State state = State::empty;
  Suspension suspension = Suspension::none;
  manifest::Manifest manifest;

  // Execution: the helper table holds only what the manifest allows; the machine's helper
  // context is this slot.
  vm::HelperTable helpers;
  vm::Machine machine{helpers, this};
  vm::Program program;
  image::ImageView image;
  image::LoadLayout layout;
  uint32_t entries[static_cast<unsigned>(Hook::count)] = {};

  // Memory handed out by the agent at begin() (fixed) and at install (blob, arena).
  std::span<uint8_t> context;   // kInboxHeader + context_bytes
  std::span<uint8_t> variable;  // blob + arena, split at install
  std::span<uint8_t> blob;      // CBOR, padding, image
  std::span<uint8_t> arena;     // data + bss, stack
  uint32_t cbor_size = 0;
  uint32_t image_offset = 0;
  uint32_t image_size = 0;
  ByteQueue inbox;
  ByteQueue logs;
  uint32_t log_seq = 0;

  EndpointRuntime endpoints[manifest::kMaxEndpoints];
  Activation act;

  // Scheduling.
  uint64_t next_loop_ms = 0;
  uint64_t restart_at_ms = 0;
  uint64_t started_ms = 0;
  uint64_t cpu_window_ms = 0;   // start of the current CPU window
  uint64_t cpu_used_us = 0;     // CPU time used in it
  bool restarting = false;      // the running tc_start is an automatic restart
  bool update_pending = false;  // the running tc_start is an update's: commit or roll back
  uint32_t old_version = 0;
  uint64_t sequence = 0;      // SUIT sequence number of the installed version (0: unsigned)
  uint64_t old_sequence = 0;  // during an update: the version being replaced's
  bool rolled_back = false;   // the last update was rolled back

  Stats stats;
  uint32_t storage_used = 0;
  RateLimit denial_limits[kDenialReasons];
  RateLimit log_limit;
  RateLimit failure_limit;
};

}  // namespace tc::agent
