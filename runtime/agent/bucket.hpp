// The endpoint limits' buckets (DESIGN.md 2.3). Integer arithmetic only, no floating point.
#pragma once

#include <cstdint>

namespace tc::agent {

// Calls per second: a token bucket of one second's worth of calls, refilled continuously
// (fractions of a token kept as milli-tokens so that slow rates still refill).
class TokenBucket {
 public:
  void reset(uint32_t per_second, uint64_t now_ms);
  // Whether one token is available at `now_ms` (refills first).
  [[nodiscard]] bool has_token(uint64_t now_ms);
  void take() {
    if (per_second_ != 0) milli_ -= 1000;
  }

 private:
  uint32_t per_second_ = 0;  // 0: unlimited
  uint64_t milli_ = 0;
  uint64_t last_ms_ = 0;
};

// An amount (bytes, microjoules) per fixed window; the window restarts at the first use after it
// ended.
class WindowBudget {
 public:
  void reset(uint32_t per_window, uint32_t window_ms, uint64_t now_ms);
  // What is left in the current window at `now_ms` (UINT32_MAX when unlimited).
  [[nodiscard]] uint32_t remaining(uint64_t now_ms);
  void spend(uint32_t amount);

 private:
  uint32_t limit_ = 0;  // 0: unlimited
  uint32_t window_ms_ = 1000;
  uint32_t used_ = 0;
  uint64_t start_ms_ = 0;
};

}  // namespace tc::agent
