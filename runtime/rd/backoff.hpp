// Bounded exponential back-off with jitter: how long a device waits before it tries again to
// reach a gateway that did not answer. The n-th consecutive failure waits a random time in
// [b/2, b], b = min(max_ms, min_ms * 2^(n-1)): a gateway that comes back is found within about a
// minute, and a site full of devices that lost their gateway at the same moment does not come
// back in step (the random half).
#pragma once

#include <cstdint>

#include "coap/transport.hpp"

namespace tc::rd {

struct BackoffConfig {
  uint32_t min_ms = 1000;
  uint32_t max_ms = 60000;
};

class Backoff {
 public:
  explicit Backoff(const BackoffConfig& config = {}) : config_(config) {}

  // The wait after one more failure; the next one is twice as long, up to the bound.
  [[nodiscard]] uint32_t next_delay(coap::Random& random);
  // After a success: the next failure waits min_ms again.
  void reset() { failures_ = 0; }
  [[nodiscard]] uint32_t failures() const { return failures_; }

 private:
  BackoffConfig config_;
  uint32_t failures_ = 0;
};

}  // namespace tc::rd
