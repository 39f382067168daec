/* endless_loop: never returns from tc_loop. Its manifest gives it far more fuel than its loop
 * deadline allows, so what ends each activation is the SysTick-driven watchdog (max_loop_ms), not
 * the instruction budget. Manifest: endless_loop.json. */
#include <tinycontainer.h>

static volatile uint64_t spins;

long tc_loop(void) {
  for (;;)
    ++spins;
  return 0;
}
