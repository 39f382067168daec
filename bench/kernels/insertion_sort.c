/* Benchmark kernel: insertion sort of 256 signed ints. Each run sorts a fresh copy of the same
 * pseudo-random input, so every run does the same work. */
#include "tinycontainer.h"

#define COUNT 256

static int32_t input[COUNT];
static int32_t work[COUNT];

long bench_init(void) {
  uint32_t x = 0x9e3779b9u;
  for (int i = 0; i < COUNT; ++i) {
    x = x * 1664525u + 1013904223u;
    input[i] = (int32_t)x;
  }
  return 0;
}

uint64_t bench_run(void) {
  for (int i = 0; i < COUNT; ++i)
    work[i] = input[i];
  for (int i = 1; i < COUNT; ++i) {
    const int32_t key = work[i];
    int j = i - 1;
    while (j >= 0 && work[j] > key) {
      work[j + 1] = work[j];
      --j;
    }
    work[j + 1] = key;
  }
  /* A position-weighted sum: any misplaced element changes it. */
  uint64_t check = 0;
  for (int i = 0; i < COUNT; ++i)
    check = check * 31u + (uint32_t)work[i];
  return check;
}
