/* climate_monitor: the delivery company's transit monitor (DESIGN.md, the SmartDroneBox story).
 *
 * Every loop period it reads temperature (cdegC), humidity (c%RH) and tilt (deg), keeps the
 * minimum and maximum of each in key-value storage (they survive a restart or a reboot) and
 * publishes an alert on channel/alerts each time a threshold is crossed, up or down. The
 * alert_logger container of the same tenant subscribes to that channel.
 *
 * Manifest: climate_monitor.json. Endpoint ids: 1 temperature, 2 humidity, 3 orientation,
 * 4 channel/alerts (write). */
#include <tinycontainer.h>

#define EP_TEMPERATURE 1u
#define EP_HUMIDITY 2u
#define EP_ORIENTATION 3u
#define EP_ALERTS 4u

/* An alert as published on channel/alerts (16 bytes, little-endian). */
struct alert {
  uint32_t kind; /* 1 temperature, 2 humidity, 3 tilt */
  uint32_t high; /* 1: crossed above the threshold, 0: back below */
  int64_t value;
};

static const int64_t thresholds[3] = {3000, 8000, 45}; /* 30.00 degC, 80.00 %RH, 45 deg */
static const char min_keys[3][6] = {"t_min", "h_min", "o_min"};
static const char max_keys[3][6] = {"t_max", "h_max", "o_max"};

static long handles[3];
static int64_t mins[3];
static int64_t maxs[3];
static uint32_t above[3];
static uint32_t have_range;

static __attribute__((noinline)) void load_range(uint32_t i) {
  int64_t v = 0;
  if (tc_kv_get(min_keys[i], 5, &v, sizeof v) == sizeof v)
    mins[i] = v;
  else
    mins[i] = INT64_MAX;
  if (tc_kv_get(max_keys[i], 5, &v, sizeof v) == sizeof v)
    maxs[i] = v;
  else
    maxs[i] = INT64_MIN;
}

long tc_start(void) {
  for (uint32_t i = 0; i < 3; ++i) {
    handles[i] = tc_open(EP_TEMPERATURE + i);
    if (handles[i] < 0) return handles[i];
    load_range(i);
  }
  have_range = 1;
  return tc_log_str("climate: monitoring temperature, humidity, tilt");
}

static __attribute__((noinline)) long track(uint32_t i, int64_t v) {
  if (v < mins[i]) {
    mins[i] = v;
    long r = tc_kv_put(min_keys[i], 5, &v, sizeof v);
    if (r < 0) return r;
  }
  if (v > maxs[i]) {
    maxs[i] = v;
    long r = tc_kv_put(max_keys[i], 5, &v, sizeof v);
    if (r < 0) return r;
  }
  uint32_t now_above = v > thresholds[i] ? 1u : 0u;
  if (now_above != above[i]) {
    above[i] = now_above;
    struct alert a = {i + 1, now_above, v};
    long r = tc_publish(EP_ALERTS, &a, sizeof a);
    if (r < 0) return r;
    tc_log_str(now_above ? "climate: alert raised" : "climate: alert cleared");
  }
  return 0;
}

long tc_loop(void) {
  long failed = 0;
  for (uint32_t i = 0; i < 3; ++i) {
    int64_t v = 0;
    long n = tc_read(handles[i], &v, sizeof v);
    if (n < 0) {
      failed = n; /* a refused read: try again next period */
      continue;
    }
    long r = track(i, v);
    if (r < 0) failed = r;
  }
  return failed;
}
