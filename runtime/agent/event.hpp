// Agent events (DESIGN.md 2.4-2.5): life-cycle changes, violations, denials, logs, installs,
// updates and rollbacks. Each has a sequence number that increases by one per event, so that a
// reader (the CoAP observe stream) can ask for "everything after N" and notice gaps.
#pragma once

#include <cstdint>

#include "manifest/manifest.hpp"

namespace tc::agent {

enum class EventKind : uint8_t {
  installed = 1,  // a: version
  started,        // a: version
  stopped,
  removed,
  updated,       // a: new version, b: old version
  rolled_back,   // a: the version kept, b: the version that failed
  restarted,     // a: restart count
  faulted,       // a: restart count
  suspended,     // detail: Suspension
  resumed,       // detail: the Suspension that ended
  violation,     // detail: Violation, a: hook, b: pc, c: address, d: trap kind
  denial,        // detail: -TC_E* code, a: endpoint id (0xff: none), count: denials it stands for
  log,           // a: log line sequence number, count: lines it stands for
  start_failed,  // a: tc_start's result (as uint32)
  restored,      // a: version (re-created from storage at start-up)
  restore_failed,
  hook_failed,      // a: hook, c: its negative result
  install_refused,  // detail: the refusal reason (the installer's code), container: the name
                    // claimed
};

[[nodiscard]] const char* describe(EventKind kind);

struct Event {
  uint32_t seq = 0;
  uint32_t count = 1;  // how many occurrences this event stands for (rate-limited kinds)
  uint64_t time_ms = 0;
  EventKind kind = EventKind::installed;
  uint8_t detail = 0;
  uint8_t slot = 0;
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t d = 0;
  uint64_t c = 0;
  manifest::Name container;
};

}  // namespace tc::agent
