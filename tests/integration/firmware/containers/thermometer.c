/* thermometer: the good container of the firmware end-to-end test. Every loop it reads the
 * simulated temperature (a failed read fails the loop); GET /c/thermometer/x/temperature answers
 * a fresh reading (0.1 degC, a CBOR unsigned integer) through the export of thermometer.json.
 * Small enough for a 2 KiB slot. */
#include <tinycontainer.h>

static long sensor = -1;

static long read_temperature(uint16_t* out) {
  if (sensor < 0) sensor = tc_open(1);
  int64_t value = 0;
  if (tc_read(sensor, &value, sizeof value) != (long)sizeof value || value < 0) return -1;
  *out = (uint16_t)value;
  return 0;
}

long tc_loop(void) {
  uint16_t ignored = 0;
  return read_temperature(&ignored);
}

long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len) {
  (void)method;
  (void)export_index;
  (void)payload;
  (void)len;
  uint16_t t = 0;
  if (read_temperature(&t) < 0) return -1;
  /* CBOR major type 0 with a two-byte argument (RFC 8949 3.1): 0x19 then the value big-endian. */
  uint8_t cbor[3] = {0x19, (uint8_t)(t >> 8), (uint8_t)t};
  return tc_respond(TC_COAP_CONTENT, TC_CONTENT_CBOR, cbor, sizeof cbor);
}
