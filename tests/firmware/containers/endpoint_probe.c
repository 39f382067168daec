/* endpoint_probe: exercises the endpoint checks from inside a container on the firmware. On its
 * first loop it makes each call below, logs "FAIL <check>" for a result it did not expect,
 * then "probe done", and fails the hook (-1) if anything was unexpected. selftest_endpoints reads
 * the log and checks the agent's counters and the actuators. Manifest: endpoint_probe.json. */
#include <tinycontainer.h>

#define EP_TEMPERATURE 1u
#define EP_LOCK 2u
#define EP_BACKLIGHT 3u
#define EP_UNLISTED 9u

static int done;
static int failures;

/* Logs only failures, through one function: the whole image must fit a 2 KiB slot. */
static __attribute__((noinline)) void fail(const char* line) {
  tc_log_str(line);
  ++failures;
}

#define CHECK(name, got, want)               \
  do {                                       \
    if ((got) != (want)) fail("FAIL " name); \
  } while (0)

static __attribute__((noinline)) long put(long handle, int64_t value) {
  return tc_write(handle, &value, sizeof value);
}

long tc_loop(void) {
  if (done) return 0;
  done = 1;
  long temperature = tc_open(EP_TEMPERATURE);
  long lock = tc_open(EP_LOCK);
  long backlight = tc_open(EP_BACKLIGHT);
  int64_t value = 0;

  CHECK("read", tc_read(temperature, &value, sizeof value), (long)sizeof value);
  CHECK("range", value >= 180 && value <= 260, 1);
  CHECK("unlisted", tc_open(EP_UNLISTED), TC_ENOENDPOINT);
  CHECK("direction", tc_read(lock, &value, sizeof value), TC_EDIRECTION);
  /* calls_per_second 2: the first read above and this one empty the bucket. */
  CHECK("read2", tc_read(temperature, &value, sizeof value), (long)sizeof value);
  CHECK("rate", tc_read(temperature, &value, sizeof value), TC_ERATE);
  CHECK("lock=2", put(lock, 2), TC_EBOUNDS);
  CHECK("lock=-1", put(lock, -1), TC_EBOUNDS);
  CHECK("lock=1", put(lock, 1), (long)sizeof(int64_t));
  CHECK("light=100", put(backlight, 100), TC_EBOUNDS);
  CHECK("light=50", put(backlight, 50), (long)sizeof(int64_t));
  /* A value the agent cannot read: an address in no region of the container. */
  CHECK("fault", tc_write(lock, (const void*)TC_ADDRESS(6, 0), 8), TC_EFAULT);
  tc_log_str("probe done");
  return failures == 0 ? 0 : -1;
}
