/* Agent benchmark: the smallest useful tc_loop (counts its activations), for activations per
 * second with several containers side by side. */
#include "tinycontainer.h"

static uint64_t loops;

long tc_loop(void) {
  ++loops;
  return 0;
}
