#include "commands/retry_policy.hpp"

#include <algorithm>

namespace tc::gw {

std::chrono::milliseconds RetryPolicy::delay_after(int64_t attempts) const {
  std::chrono::milliseconds delay = initial;
  for (int64_t i = 1; i < attempts && delay < max; ++i)
    delay *= 2;
  return std::min(delay, max);
}

}  // namespace tc::gw
