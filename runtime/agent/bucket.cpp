#include "agent/bucket.hpp"

namespace tc::agent {

void TokenBucket::reset(uint32_t per_second, uint64_t now_ms) {
  per_second_ = per_second;
  milli_ = uint64_t{per_second} * 1000;  // a full second's burst
  last_ms_ = now_ms;
}

bool TokenBucket::has_token(uint64_t now_ms) {
  if (per_second_ == 0) return true;
  const uint64_t capacity = uint64_t{per_second_} * 1000;
  if (now_ms > last_ms_) {
    // per_second tokens per 1000 ms = per_second milli-tokens per ms.
    const uint64_t elapsed = now_ms - last_ms_;
    milli_ = elapsed >= 1000 ? capacity : milli_ + elapsed * per_second_;
    if (milli_ > capacity) milli_ = capacity;
    last_ms_ = now_ms;
  }
  return milli_ >= 1000;
}

void WindowBudget::reset(uint32_t per_window, uint32_t window_ms, uint64_t now_ms) {
  limit_ = per_window;
  window_ms_ = window_ms == 0 ? 1000 : window_ms;
  used_ = 0;
  start_ms_ = now_ms;
}

uint32_t WindowBudget::remaining(uint64_t now_ms) {
  if (limit_ == 0) return UINT32_MAX;
  if (now_ms >= start_ms_ + window_ms_) {
    start_ms_ = now_ms;
    used_ = 0;
  }
  return limit_ - used_;
}

void WindowBudget::spend(uint32_t amount) {
  if (limit_ == 0) return;
  used_ = amount >= limit_ - used_ ? limit_ : used_ + amount;
}

}  // namespace tc::agent
