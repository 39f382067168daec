// A log-linear latency histogram in microseconds (the idea of HdrHistogram, in a few lines): exact
// below 128 µs, then 64 buckets per power of two, so every recorded value is kept within 1/64
// (1.6 %) of its true value in a fixed 21 KiB, however many samples a run takes. tc-coapload
// reports its p50/p99 from it, as wrk does from its own histogram.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tc::bench {

class LatencyHistogram {
 public:
  void record(uint64_t micros);

  [[nodiscard]] uint64_t count() const { return count_; }
  [[nodiscard]] uint64_t max() const { return max_; }
  // The smallest value v such that at least `percent` % of the samples are <= v, rounded up to
  // the upper end of its bucket (so never below the true percentile); 0 without samples.
  [[nodiscard]] uint64_t percentile(double percent) const;

 private:
  static constexpr unsigned kSubBits = 6;  // 64 buckets per power of two above 128
  static constexpr unsigned kMaxShift = 40;
  static constexpr std::size_t kBuckets = (std::size_t{kMaxShift} << kSubBits) + (2u << kSubBits);

  [[nodiscard]] static std::size_t bucket_of(uint64_t micros);
  [[nodiscard]] static uint64_t upper_bound_of(std::size_t bucket);

  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

}  // namespace tc::bench
