/* Benchmark kernel: Fletcher-32 over 4 KiB (2048 16-bit words), compiled both natively and as a
 * container from this one file (bench/CMakeLists.txt). */
#include "tinycontainer.h"

#define WORDS 2048u

static uint16_t input[WORDS];

long bench_init(void) {
  uint32_t x = 0x12345678u;
  for (uint32_t i = 0; i < WORDS; ++i) {
    x = x * 1664525u + 1013904223u; /* LCG: deterministic, same on both targets */
    input[i] = (uint16_t)(x >> 16);
  }
  return 0;
}

/* The classic blocked form: 359 words is the longest run whose sums cannot overflow 32 bits
 * before the modulo reduction. */
uint64_t bench_run(void) {
  uint32_t sum1 = 0xffffu;
  uint32_t sum2 = 0xffffu;
  uint32_t left = WORDS;
  const uint16_t* p = input;
  while (left != 0) {
    uint32_t block = left > 359u ? 359u : left;
    left -= block;
    do {
      sum1 += *p++;
      sum2 += sum1;
    } while (--block != 0);
    sum1 = (sum1 & 0xffffu) + (sum1 >> 16);
    sum2 = (sum2 & 0xffffu) + (sum2 >> 16);
  }
  sum1 = (sum1 & 0xffffu) + (sum1 >> 16);
  sum2 = (sum2 & 0xffffu) + (sum2 >> 16);
  return ((uint64_t)sum2 << 16) | sum1;
}
