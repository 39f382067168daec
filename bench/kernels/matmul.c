/* Benchmark kernel: 16x16 integer matrix multiply, C = A * B (32-bit wrapping arithmetic). */
#include "tinycontainer.h"

#define N 16

static uint32_t a[N][N];
static uint32_t b[N][N];
static uint32_t c[N][N];

long bench_init(void) {
  uint32_t x = 0xdeadbeefu;
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) {
      x = x * 1664525u + 1013904223u;
      a[i][j] = x >> 20;
      x = x * 1664525u + 1013904223u;
      b[i][j] = x >> 20;
    }
  }
  return 0;
}

uint64_t bench_run(void) {
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) {
      uint32_t sum = 0;
      for (int k = 0; k < N; ++k)
        sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
  }
  uint64_t check = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      check = check * 1000003u + c[i][j];
  return check;
}
