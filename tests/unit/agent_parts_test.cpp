// The agent's small parts: byte queue, buckets, event ring, rate limiter.
#include <gtest/gtest.h>

#include <string>

#include "agent/bucket.hpp"
#include "agent/byte_queue.hpp"
#include "agent/event_ring.hpp"
#include "agent/slot.hpp"

namespace tc::agent {
namespace {

std::span<const uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string front(const ByteQueue& q, uint32_t index = 0) {
  uint8_t out[64];
  const uint32_t n = q.at(index, out);
  return {reinterpret_cast<const char*>(out), n};
}

TEST(ByteQueue, FifoWithWrapAround) {
  uint8_t storage[16];
  ByteQueue q(storage);
  EXPECT_TRUE(q.push(bytes("ab"), bytes("cd")));  // 2 + 4
  EXPECT_TRUE(q.push({}, bytes("efghij")));       // 2 + 6
  EXPECT_FALSE(q.push({}, bytes("xyz")));         // 5 > 4 free
  EXPECT_EQ(front(q), "abcd");
  q.pop();
  EXPECT_TRUE(q.push({}, bytes("klmnop")));  // wraps
  EXPECT_EQ(q.count(), 2u);
  EXPECT_EQ(front(q), "efghij");
  EXPECT_EQ(front(q, 1), "klmnop");
  q.pop();
  EXPECT_EQ(front(q), "klmnop");
}

TEST(ByteQueue, EvictingDropsTheOldest) {
  uint8_t storage[12];
  ByteQueue q(storage);
  EXPECT_TRUE(q.push_evicting({}, bytes("1111")));
  EXPECT_TRUE(q.push_evicting({}, bytes("2222")));
  EXPECT_TRUE(q.push_evicting({}, bytes("3333")));
  EXPECT_EQ(q.count(), 2u);
  EXPECT_EQ(front(q), "2222");
  EXPECT_FALSE(q.push_evicting({}, bytes("0123456789abc")));  // never fits
}

TEST(TokenBucket, BurstThenContinuousRefill) {
  TokenBucket b;
  b.reset(2, 0);
  EXPECT_TRUE(b.has_token(0));
  b.take();
  EXPECT_TRUE(b.has_token(0));
  b.take();
  EXPECT_FALSE(b.has_token(0));
  EXPECT_FALSE(b.has_token(499));
  EXPECT_TRUE(b.has_token(500));  // 2 per second: one token every 500 ms
  TokenBucket unlimited;
  unlimited.reset(0, 0);
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(unlimited.has_token(0));
    unlimited.take();
  }
}

TEST(WindowBudget, ResetsAfterTheWindow) {
  WindowBudget w;
  w.reset(100, 1000, 0);
  EXPECT_EQ(w.remaining(0), 100u);
  w.spend(70);
  EXPECT_EQ(w.remaining(10), 30u);
  w.spend(50);
  EXPECT_EQ(w.remaining(999), 0u);
  EXPECT_EQ(w.remaining(1000), 100u);
}

TEST(EventRing, SequenceNumbersAndOverwrite) {
  Event storage[4];
  EventRing ring(storage);
  for (uint32_t i = 0; i < 6; ++i) {
    Event e;
    e.a = i;
    EXPECT_EQ(ring.push(e), i + 1);
  }
  EXPECT_EQ(ring.oldest_seq(), 3u);
  Event out[8];
  const std::size_t n = ring.read(0, out);
  ASSERT_EQ(n, 4u);
  EXPECT_EQ(out[0].seq, 3u);
  EXPECT_EQ(out[3].seq, 6u);
  EXPECT_EQ(out[3].a, 5u);
  EXPECT_EQ(ring.read(6, out), 1u);
  EXPECT_EQ(ring.read(7, out), 0u);
}

TEST(RateLimit, OneEventPerSecondWithACount) {
  RateLimit r;
  EXPECT_EQ(r.hit(0), 1u);
  EXPECT_EQ(r.hit(10), 0u);
  EXPECT_EQ(r.hit(20), 0u);
  EXPECT_EQ(r.flush(500), 0u);
  EXPECT_EQ(r.flush(1000), 2u);
  EXPECT_EQ(r.hit(1500), 0u);
  EXPECT_EQ(r.hit(2000), 2u);
}

}  // namespace
}  // namespace tc::agent
