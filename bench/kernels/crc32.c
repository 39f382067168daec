/* Benchmark kernel: CRC-32 (IEEE 802.3, reflected, table-driven) over 4 KiB. */
#include "tinycontainer.h"

#define BYTES 4096u

static uint8_t input[BYTES];
static uint32_t table[256];

long bench_init(void) {
  for (uint32_t n = 0; n < 256u; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k)
      c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  uint32_t x = 0x2545f491u;
  for (uint32_t i = 0; i < BYTES; ++i) {
    x = x * 1664525u + 1013904223u;
    input[i] = (uint8_t)(x >> 24);
  }
  return 0;
}

uint64_t bench_run(void) {
  uint32_t crc = 0xffffffffu;
  for (uint32_t i = 0; i < BYTES; ++i)
    crc = table[(crc ^ input[i]) & 0xffu] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}
