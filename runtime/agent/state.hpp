// Container states (DESIGN.md 2.4) and why a container is suspended. Every transition emits an
// event, so a state is never reached silently.
#pragma once

#include <cstdint>

namespace tc::agent {

enum class State : uint8_t {
  empty = 0,  // a free slot (never reported for a container)
  installed,  // verified and persisted, never started
  running,    // activations are scheduled
  stopped,    // tc_stop ran; nothing scheduled
  suspended,  // running but waiting: see Suspension
  faulted,    // out of restarts; stays so until restart() or update()
  removed,    // only in the `removed` event: the slot is free again
};

enum class Suspension : uint8_t {
  none = 0,
  throttled,  // over its CPU share; resumes when its CPU window allows
  backoff,    // struck out; restarts after the back-off
  lifetime,   // max_lifetime_s reached (a quota, like storage); restart() to run again
};

// Hooks a container may export (sdk/include/tinycontainer.h).
enum class Hook : uint8_t { start = 0, loop, stop, message, request, count };

[[nodiscard]] const char* describe(State state);
[[nodiscard]] const char* describe(Suspension suspension);
[[nodiscard]] const char* describe(Hook hook);
[[nodiscard]] const char* hook_entry_name(Hook hook);

}  // namespace tc::agent
