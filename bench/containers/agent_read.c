/* Agent benchmark: every tc_loop reads the temperature sensor TC_BENCH_READS times through the
 * full endpoint check (tc_read on an open endpoint with rate, byte and energy limits). */
#include "tinycontainer.h"

#define TC_BENCH_READS 1000u /* keep in step with kReadsPerLoop in bench/agent_main.cpp */

static long handle = -1;
static volatile int64_t sum;

long tc_start(void) {
  handle = tc_open(1);
  return handle < 0 ? handle : 0;
}

long tc_loop(void) {
  int64_t value = 0;
  for (uint32_t i = 0; i < TC_BENCH_READS; ++i) {
    const long n = tc_read(handle, &value, sizeof value);
    if (n != (long)sizeof value) return n < 0 ? n : -1;
    sum += value;
  }
  return 0;
}
