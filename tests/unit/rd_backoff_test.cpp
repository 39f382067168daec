// Bounded exponential back-off with jitter (runtime/rd/backoff.hpp).
#include <gtest/gtest.h>

#include "rd/backoff.hpp"
#include "rd_fakes.hpp"

namespace tc::rd::test {
namespace {

TEST(RdBackoff, DoublesUpToTheBoundWithJitterInTheUpperHalf) {
  FixedRandom low;  // 0: the shortest wait, b/2
  Backoff b({.min_ms = 1000, .max_ms = 60000});
  const uint32_t expected[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
  for (const uint32_t e : expected)
    EXPECT_EQ(b.next_delay(low), e);

  FixedRandom high;
  high.value = 0xffffffffu;  // the largest jitter the modulo allows
  Backoff c({.min_ms = 1000, .max_ms = 60000});
  for (int i = 0; i < 40; ++i) {
    const uint32_t d = c.next_delay(high);
    EXPECT_LE(d, 60000u);
    EXPECT_GE(d, 500u);
  }
  EXPECT_GE(c.next_delay(high), 30000u);
}

TEST(RdBackoff, ResetStartsAgainAtTheMinimum) {
  FixedRandom r;
  Backoff b({.min_ms = 1000, .max_ms = 60000});
  (void)b.next_delay(r);
  (void)b.next_delay(r);
  EXPECT_EQ(b.failures(), 2u);
  b.reset();
  EXPECT_EQ(b.next_delay(r), 500u);
}

TEST(RdBackoff, JitterSpreadsDevices) {
  FixedRandom a;
  FixedRandom z;
  z.value = 499;
  Backoff one({.min_ms = 1000, .max_ms = 60000});
  Backoff two({.min_ms = 1000, .max_ms = 60000});
  EXPECT_NE(one.next_delay(a), two.next_delay(z));
}

TEST(RdBackoff, DegenerateBoundsStayPositive) {
  FixedRandom r;
  Backoff b({.min_ms = 0, .max_ms = 0});
  EXPECT_EQ(b.next_delay(r), 1u);
}

}  // namespace
}  // namespace tc::rd::test
