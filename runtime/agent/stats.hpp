// Per-container counters (DESIGN.md 2.4: activations, instructions, endpoint calls, denials,
// violations, memory). Monotonic for the life of the installation; kept across restarts and
// updates, reset by remove.
#pragma once

#include <cstdint>

#include "agent/violation.hpp"

namespace tc::agent {

struct MemoryUse {
  uint32_t image_bytes = 0;  // image (+ manifest CBOR) held for execution in place
  uint32_t data_bytes = 0;   // .data + .bss
  uint32_t stack_bytes = 0;
  uint32_t storage_bytes = 0;  // key-value bytes (keys + values) against the quota
};

struct Stats {
  uint64_t activations = 0;
  uint64_t instructions = 0;
  uint64_t cpu_us = 0;
  uint64_t endpoint_calls = 0;  // calls that reached a resource, channel or the store
  uint64_t bytes_read = 0;
  uint64_t bytes_written = 0;
  uint64_t energy_uj = 0;
  uint32_t denials[kDenialReasons] = {};  // by -TC_E* code
  uint32_t violations[static_cast<unsigned>(Violation::count)] = {};
  uint32_t hook_failures = 0;     // hooks that returned a negative value
  uint32_t missed_loops = 0;      // loop periods skipped while busy, throttled or late
  uint32_t messages_dropped = 0;  // inbox full when a message arrived for this container
  uint32_t strikes = 0;           // since the last (re)start
  uint32_t restarts = 0;          // automatic restarts since the last explicit start/update
  uint32_t throttles = 0;

  [[nodiscard]] uint64_t total_denials() const {
    uint64_t n = 0;
    for (uint32_t d : denials)
      n += d;
    return n;
  }
  [[nodiscard]] uint64_t total_violations() const {
    uint64_t n = 0;
    for (uint32_t v : violations)
      n += v;
    return n;
  }
};

}  // namespace tc::agent
