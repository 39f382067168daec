/* address_display: the delivery company's user interface on the box.
 *
 * Every loop period it writes the recipient's address to the display (at most the 128 bytes the
 * display holds, within the manifest's byte budget) and reads the signature pad; the last captured
 * signature is served on the CoAP path `signature` (GET, observable) through tc_respond. The
 * recipient can be changed with PUT `recipient` (kept in key-value storage across restarts).
 *
 * Manifest: address_display.json. Endpoint ids: 1 actuator/display, 2 sensor/signature.
 * Exports: 0 signature (GET), 1 recipient (GET, PUT). */
#include <tinycontainer.h>

#define EP_DISPLAY 1u
#define EP_SIGNATURE 2u
#define DISPLAY_BYTES 128u /* the board's actuator/display max_bytes */
#define SIGNATURE_BYTES 64u

static const char default_address[] = "J. Doe, 12 Harbour Lane, Flat 3, Dock 7";

static char address[DISPLAY_BYTES];
static uint32_t address_len;
static uint8_t signature[SIGNATURE_BYTES];
static uint32_t signature_len;
static long display;
static long pad;

long tc_start(void) {
  display = tc_open(EP_DISPLAY);
  pad = tc_open(EP_SIGNATURE);
  if (display < 0) return display;
  if (pad < 0) return pad;
  long n = tc_kv_get("recipient", 9, address, DISPLAY_BYTES);
  if (n > 0) {
    address_len = n > DISPLAY_BYTES ? DISPLAY_BYTES : (uint32_t)n;
  } else {
    for (uint32_t i = 0; i < sizeof default_address - 1; ++i)
      address[i] = default_address[i];
    address_len = sizeof default_address - 1;
  }
  return tc_log_str("display: showing the recipient's address");
}

long tc_loop(void) {
  long w = tc_write(display, address, address_len);
  long r = tc_read(pad, signature, SIGNATURE_BYTES);
  if (r > 0) signature_len = (uint32_t)r;
  if (w < 0) return w;
  return r < 0 ? r : 0;
}

long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len) {
  if (export_index == 0) /* signature */
    return tc_respond(TC_COAP_CONTENT, TC_CONTENT_OCTETS, signature, signature_len);
  if (method == TC_COAP_GET)
    return tc_respond(TC_COAP_CONTENT, TC_CONTENT_TEXT, address, address_len);
  /* PUT recipient: at most what the display can show, never past its bounds. */
  if (len == 0 || len > DISPLAY_BYTES)
    return tc_respond(TC_COAP_BAD_REQUEST, TC_CONTENT_TEXT, 0, 0);
  const char* in = (const char*)payload;
  for (uint32_t i = 0; i < DISPLAY_BYTES; ++i) {
    if (i >= len) break;
    address[i] = in[i];
  }
  address_len = len;
  long r = tc_kv_put("recipient", 9, address, address_len);
  if (r < 0) return r;
  return tc_respond(TC_COAP_CHANGED, TC_CONTENT_TEXT, 0, 0);
}
