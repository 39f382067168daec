/* hostile_energy_drain (threat: denial of sustainability, draining the battery).
 *
 * Its manifest grants radio scans (20 000 uJ each on the SmartDroneBox) within an energy budget
 * of 200 000 uJ per minute: ten scans. Every activation it scans SCANS times. The first ten scans
 * of the window reach the radio; every later one is refused with TC_EENERGY until the window
 * ends, so the battery pays at most the budget. */
#include <tinycontainer.h>

#define SCANS 3u

static uint8_t records[32];
static long radio = -1;

long tc_loop(void) {
  if (radio < 0) radio = tc_open(1);
  tc_log_str("hostile: scanning the radio as often as I can");
  for (uint32_t i = 0; i < SCANS; ++i)
    tc_read(radio, records, sizeof records);
  return 0;
}
