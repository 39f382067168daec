/* Benchmark kernel: iterative Fibonacci, F(n) mod 2^64 for n = 1000 (n comes from a global that
 * bench_init writes, so the native compiler cannot fold the loop). */
#include "tinycontainer.h"

static uint32_t n;

long bench_init(void) {
  n = 1000;
  return 0;
}

uint64_t bench_run(void) {
  uint64_t prev = 0;
  uint64_t cur = 1;
  for (uint32_t i = 1; i < n; ++i) {
    const uint64_t next = prev + cur;
    prev = cur;
    cur = next;
  }
  return cur;
}
