// Port: the device's monotonic clock (DESIGN.md 2, "everything that touches hardware is behind a
// narrow port"). Milliseconds drive the scheduler and the buckets; microseconds measure the CPU
// time of activations for the CPU share.
#pragma once

#include <cstdint>

namespace tc::agent {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the device started; never goes backwards.
  [[nodiscard]] virtual uint64_t now_ms() const = 0;
  // Microseconds since the device started, on the same time base as now_ms().
  [[nodiscard]] virtual uint64_t now_us() const = 0;
};

}  // namespace tc::agent
