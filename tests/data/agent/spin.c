/* Hostile: tc_loop never returns. */
#include <tinycontainer.h>

static volatile uint64_t spins;

long tc_loop(void) {
  for (;;)
    ++spins;
  return 0;
}
