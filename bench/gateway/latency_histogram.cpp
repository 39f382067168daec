#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace tc::bench {

// A value v >= 128 has its highest bit at position msb >= 7; shifting it right by msb - 6 leaves a
// "mantissa" in [64, 128). The bucket is (shift << 6) + mantissa, which continues the exact
// buckets 0..127 without a gap (shift 1 gives 128..191, shift 2 gives 192..255, ...).
std::size_t LatencyHistogram::bucket_of(uint64_t micros) {
  const auto msb = static_cast<unsigned>(std::bit_width(micros)) - 1;
  const unsigned shift = micros < (2u << kSubBits) ? 0 : std::min(msb - kSubBits, kMaxShift);
  const uint64_t mantissa = std::min<uint64_t>(micros >> shift, (2u << kSubBits) - 1);
  return (std::size_t{shift} << kSubBits) + mantissa;
}

uint64_t LatencyHistogram::upper_bound_of(std::size_t bucket) {
  if (bucket < (2u << kSubBits)) return bucket;
  const std::size_t shift = (bucket >> kSubBits) - 1;
  const uint64_t mantissa = (bucket & ((1u << kSubBits) - 1)) + (1u << kSubBits);
  return ((mantissa + 1) << shift) - 1;
}

void LatencyHistogram::record(uint64_t micros) {
  ++buckets_[bucket_of(micros)];
  ++count_;
  max_ = std::max(max_, micros);
}

uint64_t LatencyHistogram::percentile(double percent) const {
  if (count_ == 0) return 0;
  const auto wanted = static_cast<uint64_t>(
      std::ceil(std::clamp(percent, 0.0, 100.0) / 100.0 * static_cast<double>(count_)));
  uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= std::max<uint64_t>(wanted, 1)) return std::min(upper_bound_of(i), max_);
  }
  return max_;
}

}  // namespace tc::bench
