/* Iterative Fibonacci: the smallest useful container.
 * Expected: tc_start returns fib(50) = 12586269025; fib(n) returns fib(r1). */
#include <tinycontainer.h>

#define FIB_N 50

static __attribute__((noinline)) uint64_t fibonacci(uint32_t n) {
  uint64_t a = 0;
  uint64_t b = 1;
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t next = a + b;
    a = b;
    b = next;
  }
  return a;
}

long tc_start(void) {
  return (long)fibonacci(FIB_N);
}

long fib(uint32_t n) {
  return (long)fibonacci(n);
}
