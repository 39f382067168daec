/* Agent benchmark: a container of about 4 KiB (code plus a rodata table) for install-to-first-
 * activation time. tc_start checksums the table, so it is kept and touched once. */
#include "tinycontainer.h"

#define TABLE_WORDS 956u /* sized so that the .tcx image is about 4 KiB */

#define ROW(n) (n) * 2654435761u, (n)*40503u + 1u, (n) ^ 0x5bd1e995u, (n)*97u + 13u
#define ROW8(n) \
  ROW(n), ROW(n + 1), ROW(n + 2), ROW(n + 3), ROW(n + 4), ROW(n + 5), ROW(n + 6), ROW(n + 7)
#define ROW64(n)                                                                              \
  ROW8(n), ROW8(n + 8), ROW8(n + 16), ROW8(n + 24), ROW8(n + 32), ROW8(n + 40), ROW8(n + 48), \
      ROW8(n + 56)

static const uint32_t table[TABLE_WORDS] = {ROW64(0), ROW64(64), ROW64(128), ROW8(192), ROW8(200)};
static uint32_t checksum;

long tc_start(void) {
  uint32_t c = 0;
  for (uint32_t i = 0; i < TABLE_WORDS; ++i)
    c = (c << 5 | c >> 27) ^ table[i];
  checksum = c;
  return 0;
}

long tc_loop(void) {
  return (long)(checksum & 1u);
}
