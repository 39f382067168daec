/* hostile_storage_filler (threat: denial of service on the shared flash).
 *
 * Its manifest grants 1024 bytes of key-value storage. Every activation it writes FILL new keys
 * of 5 bytes with 64-byte values (69 bytes each against the quota). Once the quota is used every
 * put is refused with TC_EQUOTA; the other containers' storage is untouched. */
#include <tinycontainer.h>

#define FILL 4u

static uint8_t junk[64];
static uint32_t next;

long tc_loop(void) {
  tc_log_str("hostile: filling key-value storage");
  for (uint32_t i = 0; i < FILL; ++i) {
    char key[5] = {'f', 0, 0, 0, 0};
    uint32_t n = next++;
    key[1] = (char)('0' + (n / 1000) % 10);
    key[2] = (char)('0' + (n / 100) % 10);
    key[3] = (char)('0' + (n / 10) % 10);
    key[4] = (char)('0' + n % 10);
    junk[0] = (uint8_t)n;
    tc_kv_put(key, sizeof key, junk, sizeof junk);
  }
  return 0;
}
