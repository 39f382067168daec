/* Agent benchmark: the loop of agent_read.c without the helper call, so that the per-call cost
 * is (T(agent_read) - T(agent_noread)) / TC_BENCH_READS. The value is stored through the stack
 * like tc_read's result, and `sum` is volatile in both, so the two loops differ only by the call
 * and its result check. */
#include "tinycontainer.h"

#define TC_BENCH_READS 1000u /* keep in step with kReadsPerLoop in bench/agent_main.cpp */

static long handle = -1;
static volatile int64_t sum;

long tc_start(void) {
  handle = tc_open(1);
  return handle < 0 ? handle : 0;
}

long tc_loop(void) {
  volatile int64_t value = 0;
  for (uint32_t i = 0; i < TC_BENCH_READS; ++i) {
    value = (int64_t)i;
    sum += value;
  }
  return 0;
}
