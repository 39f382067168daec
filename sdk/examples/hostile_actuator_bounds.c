/* hostile_actuator_bounds (threat: denial of quality, driving an actuator outside its safe range).
 *
 * Its manifest grants the lock (bounds 0..1) and the backlight (bounds 10..80). Every activation
 * it writes the lock with 2 and -1 and the backlight with 100 and 5: each refused with
 * TC_EBOUNDS before the actuator is touched. One in-bounds backlight write (50) shows that the
 * grant itself still works. */
#include <tinycontainer.h>

#define EP_LOCK 1u
#define EP_BACKLIGHT 2u

static long lock = -1;
static long backlight = -1;

static __attribute__((noinline)) long put(long handle, int64_t value) {
  return tc_write(handle, &value, sizeof value);
}

long tc_loop(void) {
  if (lock < 0) lock = tc_open(EP_LOCK);
  if (backlight < 0) backlight = tc_open(EP_BACKLIGHT);
  tc_log_str("hostile: lock=2, lock=-1, backlight=100, backlight=5");
  put(lock, 2);
  put(lock, -1);
  put(backlight, 100);
  put(backlight, 5);
  put(backlight, 50); /* inside the grant */
  return 0;
}
