/* Logs on start and stop, counts loops in .bss. */
#include <tinycontainer.h>

static uint64_t loops;

long tc_start(void) {
  return tc_log_str("start");
}

long tc_loop(void) {
  ++loops;
  return 0;
}

long tc_stop(void) {
  return tc_log_str("stop");
}
