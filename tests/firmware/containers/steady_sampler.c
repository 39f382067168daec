/* steady_sampler: the well-behaved neighbour. Every loop it reads the temperature and counts the
 * successful reads; selftest_watchdog checks that it keeps running while the endless loop next to
 * it is stopped again and again. Manifest: steady_sampler.json. */
#include <tinycontainer.h>

static long sensor = -1;

long tc_loop(void) {
  if (sensor < 0) sensor = tc_open(1);
  int64_t value = 0;
  return tc_read(sensor, &value, sizeof value) == (long)sizeof value ? 0 : -1;
}
