// When the queue sends a command again after the device did not answer (timeout, unreachable,
// could not send), and when it gives up. Delays double from `initial` up to `max`; a command is
// failed after `max_attempts` sends without an answer, or once it is older than `max_age` (a
// device that stays offline).
#pragma once

#include <chrono>
#include <cstdint>

namespace tc::gw {

struct RetryPolicy {
  std::chrono::milliseconds initial{1000};
  std::chrono::milliseconds max{60000};
  int64_t max_attempts = 8;
  std::chrono::milliseconds max_age{std::chrono::hours(1)};

  // The wait after the `attempts`-th unanswered send (attempts >= 1).
  [[nodiscard]] std::chrono::milliseconds delay_after(int64_t attempts) const;
  [[nodiscard]] bool attempts_exhausted(int64_t attempts) const { return attempts >= max_attempts; }
  [[nodiscard]] bool too_old(int64_t created_ms, int64_t now_ms) const {
    return now_ms - created_ms >= max_age.count();
  }
};

}  // namespace tc::gw
