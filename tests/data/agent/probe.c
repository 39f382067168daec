/* Agent test driver: each CoAP request carries one operation; the container performs it and
 * answers with the helper's result (int64, little-endian) through tc_respond. */
#include <tinycontainer.h>

struct op {
  uint32_t code;
  uint32_t a;
  uint64_t b;
  uint64_t c;
};

static const char hello[] = "hello";

static __attribute__((noinline)) long run(const struct op* o) {
  uint8_t buf[64] = {0};
  int64_t value = (int64_t)o->b;
  switch (o->code) {
    case 1:
      return tc_open(o->a);
    case 2:
      return tc_read((long)o->a, buf, (uint32_t)o->c);
    case 3:
      return tc_write((long)o->a, &value, (uint32_t)o->c);
    case 4:
      return tc_write((long)o->a, (const void*)o->b, (uint32_t)o->c);
    case 5:
      return tc_close((long)o->a);
    case 6:
      *(uint64_t*)buf = o->b;
      return tc_kv_put(&o->a, 4, buf, (uint32_t)o->c);
    case 7: {
      long n = tc_kv_get(&o->a, 4, buf, 8);
      return n < 0 ? n : (long)(*(uint64_t*)buf);
    }
    case 8:
      return tc_kv_delete(&o->a, 4);
    case 9:
      return tc_publish(o->a, &value, (uint32_t)o->c);
    case 10:
      return tc_log(hello, sizeof hello - 1);
    case 11:
      return tc_read((long)o->a, (void*)o->b, (uint32_t)o->c);
    default:
      return -100;
  }
}

long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len) {
  struct op o = {0};
  if (len < sizeof o) return -1;
  o = *(const struct op*)payload;
  int64_t result = run(&o);
  tc_respond(TC_COAP_CONTENT, TC_CONTENT_OCTETS, &result, sizeof result);
  return 0;
}
