/* hostile_infinite_loop (threat: denial of service, stalling the box).
 *
 * tc_loop never returns. The device ends each activation when its fuel (instructions per
 * activation) or its deadline (max_loop_ms, the watchdog) runs out: a violation, a strike;
 * after `failure.strikes` strikes the container is restarted with back-off, and after
 * `failure.max_restarts` restarts it is faulted. The other containers keep their periods: an
 * activation never lasts more than one slice. */
#include <tinycontainer.h>

static volatile uint64_t spins;

long tc_loop(void) {
  tc_log_str("hostile: entering an endless loop");
  for (;;)
    spins++;
  return 0;
}
