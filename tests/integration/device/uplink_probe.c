/* uplink_probe: writes a small CBOR map {"n": count} to two remote endpoints every loop period:
 * `coap://gateway/probe/report` (the gateway tc-device registered with) and a URI with an IPv4
 * literal (the test fills in its port), and tries one remote read, which the device refuses.
 * Used by run_gateway_test.sh. */
#include <tinycontainer.h>

#define EP_GATEWAY 1u
#define EP_DIRECT 2u

static long gateway = -1;
static long direct = -1;
static uint8_t count;

long tc_start(void) {
  gateway = tc_open(EP_GATEWAY);
  direct = tc_open(EP_DIRECT);
  if (gateway < 0 || direct < 0) return tc_log_str("uplink: open refused");
  uint8_t scratch[4];
  if (tc_read(direct, scratch, sizeof scratch) == TC_ENOTSUP) tc_log_str("uplink: read refused");
  return tc_log_str("uplink: ready");
}

long tc_loop(void) {
  /* {"n": count} in CBOR: a map of one pair, the text "n", a uint up to 255. */
  uint8_t report[5] = {0xa1, 0x61, 'n', 0x18, 0};
  report[4] = ++count;
  long a = tc_write(gateway, report, sizeof report);
  long b = tc_write(direct, report, sizeof report);
  if (a < 0 || b < 0) tc_log_str("uplink: write refused");
  return 0;
}
