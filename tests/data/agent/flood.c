/* Hostile: tc_loop floods an endpoint far beyond its rate limit. */
#include <tinycontainer.h>

long tc_loop(void) {
  uint8_t buf[8];
  long h = tc_open(1);
  for (int i = 0; i < 200; ++i)
    tc_read(h, buf, sizeof buf);
  return 0;
}
