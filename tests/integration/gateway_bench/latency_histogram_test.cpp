// tc-coapload's latency histogram alone: the p50/p99 the benchmark reports are never below the
// true percentile and at most one bucket (1/64) above it.
#include <gtest/gtest.h>

#include <cstdint>

#include "latency_histogram.hpp"

namespace tc::bench {
namespace {

TEST(LatencyHistogram, EmptyReportsZero) {
  const LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(50), 0u);
  EXPECT_EQ(h.max(), 0u);
}

TEST(LatencyHistogram, ExactBelow128) {
  LatencyHistogram h;
  for (uint64_t v = 1; v <= 100; ++v)
    h.record(v);
  EXPECT_EQ(h.percentile(50), 50u);
  EXPECT_EQ(h.percentile(99), 99u);
  EXPECT_EQ(h.percentile(100), 100u);
  EXPECT_EQ(h.max(), 100u);
}

TEST(LatencyHistogram, PercentilesWithinOneBucketAbove) {
  LatencyHistogram h;
  for (uint64_t v = 1; v <= 100000; ++v)
    h.record(v);
  EXPECT_EQ(h.count(), 100000u);
  for (const double p : {50.0, 90.0, 99.0, 99.9}) {
    const auto truth = static_cast<double>(static_cast<uint64_t>(p * 1000));
    const auto got = static_cast<double>(h.percentile(p));
    EXPECT_GE(got, truth) << "p" << p;                     // never below the true value
    EXPECT_LE(got, truth * (1.0 + 1.0 / 64)) << "p" << p;  // at most one bucket above
  }
  EXPECT_EQ(h.percentile(100), 100000u);  // capped at the largest sample
}

TEST(LatencyHistogram, KeepsHugeValues) {
  LatencyHistogram h;
  h.record(3'600'000'000ULL);  // an hour in µs
  h.record(0);
  EXPECT_EQ(h.max(), 3'600'000'000ULL);
  EXPECT_EQ(h.percentile(50), 0u);
  EXPECT_EQ(h.percentile(100), 3'600'000'000ULL);
}

}  // namespace
}  // namespace tc::bench
