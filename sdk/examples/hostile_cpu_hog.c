/* hostile_cpu_hog (threat: denial of service by CPU share).
 *
 * Every activation burns just under its fuel (HOG_ROUNDS rounds of a few instructions, well
 * below the manifest's 20 000), so no single activation is ever a violation; but its loop period
 * is 1 ms, so it would run constantly. The device charges the CPU time of every activation
 * against `cpu_share_permille` of `cpu_window_ms`: once the share is used the container waits,
 * visibly `suspended/throttled`, until the next window. Throttling is not a violation. */
#include <tinycontainer.h>

#define HOG_ROUNDS 2200u

static volatile uint64_t sink;
static uint32_t activations;

long tc_loop(void) {
  if ((activations++ & 1023u) == 0) tc_log_str("hostile: burning CPU every millisecond");
  uint64_t x = sink;
  for (uint32_t i = 0; i < HOG_ROUNDS; ++i)
    x = x * 33 + i;
  sink = x;
  return 0;
}
