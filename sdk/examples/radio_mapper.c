/* radio_mapper: a third party renting spare cycles to map the city's radio coverage.
 *
 * Every loop period it scans the radio (64 bytes: 16 records of 4 bytes: channel, rssi, two
 * reserved), aggregates the coverage (scans, records, strongest and weakest signal) into
 * key-value storage and reports it to `coap://gateway/citymaps/coverage`: a remote endpoint, which
 * the device sends as a CoAP POST to the gateway it registered with (docs/protocol.md, "Remote
 * endpoints"). The report is CBOR, {"scans", "records", "strongest", "weakest"}, so that the
 * gateway shows it as JSON. A device without a gateway answers the open with TC_ENOTSUP: the
 * container then keeps the data in storage, logs it, and tries the endpoint again only once every
 * 6 periods (a minute), so that it does not hammer a path that is known to be missing. A report
 * the device's queue cannot take (TC_EAGAIN) waits for the next period. It skips scans when the
 * battery is low. GET `coverage/summary` returns the aggregate (the raw struct).
 *
 * Manifest: radio_mapper.json. Endpoint ids: 1 radio/scanner, 2 sensor/battery, 4 remote. */
#include <tinycontainer.h>

#define EP_SCANNER 1u
#define EP_BATTERY 2u
#define EP_UPLINK 4u
#define SCAN_BYTES 64u
#define RETRY_PERIODS 6u

struct coverage {
  uint32_t scans;
  uint32_t records;
  int32_t strongest;
  int32_t weakest;
};

static struct coverage cov;
static uint8_t scan[SCAN_BYTES];
static long scanner;
static long battery;
static long uplink = -1;
static uint32_t periods;

long tc_start(void) {
  scanner = tc_open(EP_SCANNER);
  battery = tc_open(EP_BATTERY);
  if (scanner < 0) return scanner;
  if (battery < 0) return battery;
  if (tc_kv_get("coverage", 8, &cov, sizeof cov) != sizeof cov) {
    cov.strongest = -128;
    cov.weakest = 127;
  }
  return tc_log_str("radio: mapping coverage");
}

/* CBOR (RFC 8949) heads: a major type and a value up to 2^32 - 1, in the shortest form. */
static uint32_t put_head(uint8_t* out, uint8_t major, uint32_t value) {
  uint8_t type = (uint8_t)(major << 5);
  if (value < 24) {
    out[0] = type | (uint8_t)value;
    return 1;
  }
  if (value < 256) {
    out[0] = type | 24;
    out[1] = (uint8_t)value;
    return 2;
  }
  out[0] = type | 26;
  for (uint32_t i = 0; i < 4; ++i)
    out[1 + i] = (uint8_t)(value >> (24 - 8 * i));
  return 5;
}

static uint32_t put_int(uint8_t* out, int32_t value) {
  return value >= 0 ? put_head(out, 0, (uint32_t)value) : put_head(out, 1, (uint32_t)(-1 - value));
}

static uint32_t put_key(uint8_t* out, const char* key, uint32_t len) {
  uint32_t n = put_head(out, 3, len);
  for (uint32_t i = 0; i < len; ++i)
    out[n + i] = (uint8_t)key[i];
  return n + len;
}

static __attribute__((noinline)) void report(void) {
  if (uplink < 0 && periods % RETRY_PERIODS == 1) {
    uplink = tc_open(EP_UPLINK);
    if (uplink < 0) {
      tc_log_str("radio: uplink unavailable, coverage kept in storage");
      return;
    }
  }
  if (uplink < 0) return;
  uint8_t body[64];
  uint32_t n = put_head(body, 5, 4);
  n += put_key(body + n, "scans", 5);
  n += put_head(body + n, 0, cov.scans);
  n += put_key(body + n, "records", 7);
  n += put_head(body + n, 0, cov.records);
  n += put_key(body + n, "strongest", 9);
  n += put_int(body + n, cov.strongest);
  n += put_key(body + n, "weakest", 7);
  n += put_int(body + n, cov.weakest);
  if (tc_write(uplink, body, n) < 0) tc_log_str("radio: upload refused, coverage kept in storage");
}

long tc_loop(void) {
  ++periods;
  int64_t level = 0;
  if (tc_read(battery, &level, sizeof level) < 0 || level < 20) return 0; /* spare cycles only */
  long n = tc_read(scanner, scan, SCAN_BYTES);
  if (n < 0) return 0; /* over its energy or rate budget: skip this period */
  cov.scans++;
  for (uint32_t i = 0; i + 4 <= SCAN_BYTES; i += 4) {
    if (i + 4 > (uint32_t)n) break;
    int32_t rssi = (int32_t)(int8_t)scan[i + 1];
    cov.records++;
    if (rssi > cov.strongest) cov.strongest = rssi;
    if (rssi < cov.weakest) cov.weakest = rssi;
  }
  long r = tc_kv_put("coverage", 8, &cov, sizeof cov);
  report();
  return r < 0 ? r : 0;
}

long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len) {
  return tc_respond(TC_COAP_CONTENT, TC_CONTENT_OCTETS, &cov, sizeof cov);
}
