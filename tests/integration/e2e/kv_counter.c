/* kv_counter: the end-to-end crash test's container (tests/integration/e2e, e2e_kill_restart).
 *
 * Every loop period (20 ms) it stores count + 1 under the key "count" and only then makes it the
 * value it serves: GET /c/kv-counter/x/count answers the last *committed* count as decimal text.
 * tc_start reloads the count from key-value storage, so after a kill -9 and a restart the value
 * served never goes below one read before the kill. Manifest: kv_counter.json. */
#include <tinycontainer.h>

static uint64_t count;

long tc_start(void) {
  uint64_t v = 0;
  if (tc_kv_get("count", 5, &v, sizeof v) == sizeof v) count = v;
  return 0;
}

long tc_loop(void) {
  uint64_t next = count + 1;
  long r = tc_kv_put("count", 5, &next, sizeof next);
  if (r < 0) return r;
  count = next;
  return 0;
}

long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len) {
  (void)method;
  (void)export_index;
  (void)payload;
  (void)len;
  char digits[20];
  char text[20];
  uint32_t k = 0;
  uint64_t v = count;
  do {
    digits[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0 && k < 20);
  uint32_t n = 0;
  while (k > 0)
    text[n++] = digits[--k];
  return tc_respond(TC_COAP_CONTENT, TC_CONTENT_TEXT, text, n);
}
