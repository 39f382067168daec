/* hostile_endpoint_flood (threat: denial of service by flooding a sensor).
 *
 * Its manifest grants sensor/humidity at 5 calls per second. Every 100 ms it reads it FLOOD
 * times. The token bucket lets 5 calls per second reach the sensor; every other call is refused
 * with TC_ERATE (counted; the denial events are rate-limited to one per second). */
#include <tinycontainer.h>

#define FLOOD 50u

static long humidity = -1;

long tc_loop(void) {
  if (humidity < 0) {
    humidity = tc_open(1);
    tc_log_str("hostile: flooding sensor/humidity");
  }
  int64_t v = 0;
  for (uint32_t i = 0; i < FLOOD; ++i)
    tc_read(humidity, &v, sizeof v);
  return 0;
}
