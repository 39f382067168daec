/* Logs a greeting from .rodata through the tc_log helper.
 * Expected: the log line "hello from a TinyContainer", tc_start returns 0. */
#include <tinycontainer.h>

static const char greeting[] = "hello from a TinyContainer";

long tc_start(void) {
  return tc_log(greeting, sizeof greeting - 1);
}
