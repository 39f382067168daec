/* alert_logger: subscribes to channel/alerts of its tenant (published by climate_monitor), logs
 * every alert and keeps the count and the last alert in key-value storage. Channels are named by
 * both manifests: climate_monitor.json writes channel/alerts, alert_logger.json reads it; a
 * container of another tenant naming the same channel never reaches this one.
 *
 * Manifest: alert_logger.json. No loop: it runs only when a message arrives. */
#include <tinycontainer.h>

struct alert {
  uint32_t kind;
  uint32_t high;
  int64_t value;
};

static const char kinds[4][12] = {"?", "temperature", "humidity", "tilt"};

static __attribute__((noinline)) uint32_t append(char* out, uint32_t n, const char* s) {
  for (uint32_t i = 0; i < 16 && s[i] != 0; ++i)
    out[n++] = s[i];
  return n;
}

static __attribute__((noinline)) uint32_t append_int(char* out, uint32_t n, int64_t v) {
  char digits[20];
  uint32_t k = 0;
  uint64_t u = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
  if (v < 0) out[n++] = '-';
  do {
    digits[k++] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0 && k < 20);
  while (k > 0)
    out[n++] = digits[--k];
  return n;
}

long tc_on_message(const void* msg, uint32_t len) {
  if (len != sizeof(struct alert)) {
    tc_log_str("alert_logger: malformed alert ignored");
    return TC_EINVAL;
  }
  struct alert a = *(const struct alert*)msg;
  char line[64];
  uint32_t n = append(line, 0, "alert ");
  n = append(line, n, kinds[a.kind < 4 ? a.kind : 0]);
  n = append(line, n, a.high ? " high " : " normal ");
  n = append_int(line, n, a.value);
  tc_log(line, n);

  uint32_t count = 0;
  tc_kv_get("count", 5, &count, sizeof count); /* absent the first time: stays 0 */
  ++count;
  long r = tc_kv_put("count", 5, &count, sizeof count);
  if (r < 0) return r;
  return tc_kv_put("last", 4, &a, sizeof a);
}
