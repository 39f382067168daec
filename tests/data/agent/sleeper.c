/* tc_loop sleeps 50 ms in the middle of the activation (other containers run meanwhile). */
#include <tinycontainer.h>

long tc_loop(void) {
  tc_log_str("sleep");
  long r = tc_sleep_ms(50);
  tc_log_str("woke");
  return r;
}
