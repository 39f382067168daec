#include "rd/backoff.hpp"

#include <algorithm>

namespace tc::rd {

uint32_t Backoff::next_delay(coap::Random& random) {
  const uint32_t low = std::max<uint32_t>(config_.min_ms, 1);
  const uint32_t high = std::max(config_.max_ms, low);
  uint64_t base = low;
  // Doubling stops at the bound, and so does the count, so neither can overflow.
  for (uint32_t i = 0; i < failures_ && base < high; ++i)
    base *= 2;
  base = std::min<uint64_t>(base, high);
  if (failures_ < 32) ++failures_;
  const uint64_t half = base / 2;
  return static_cast<uint32_t>(base - half + random.next() % (half + 1));
}

}  // namespace tc::rd
