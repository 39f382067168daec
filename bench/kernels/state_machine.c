/* Benchmark kernel: a small state machine, the receive side of a serial framing protocol.
 * Frame: 0x7e sync, length (1..32), payload, checksum byte (sum of payload, mod 256). The input
 * is 2 KiB of frames with corrupted checksums and noise between them; the result counts good and
 * bad frames and sums the good payload bytes. */
#include "tinycontainer.h"

#define BYTES 2048u
#define SYNC 0x7eu
#define MAX_LEN 32u

enum state { HUNT, LENGTH, PAYLOAD, CHECKSUM };

static uint8_t input[BYTES];

static uint32_t lcg(uint32_t* x) {
  *x = *x * 1664525u + 1013904223u;
  return *x >> 16;
}

long bench_init(void) {
  uint32_t x = 0xc0ffee11u;
  uint32_t i = 0;
  while (i < BYTES) {
    const uint32_t noise = lcg(&x) % 4u;
    for (uint32_t n = 0; n < noise && i < BYTES; ++n)
      input[i++] = (uint8_t)lcg(&x);
    const uint32_t len = 1u + lcg(&x) % MAX_LEN;
    uint32_t sum = 0;
    if (i < BYTES) input[i++] = SYNC;
    if (i < BYTES) input[i++] = (uint8_t)len;
    for (uint32_t n = 0; n < len && i < BYTES; ++n) {
      const uint8_t byte = (uint8_t)lcg(&x);
      sum += byte;
      input[i++] = byte;
    }
    const uint32_t corrupt = (lcg(&x) % 8u) == 0u;
    if (i < BYTES) input[i++] = (uint8_t)(sum + corrupt);
  }
  return 0;
}

uint64_t bench_run(void) {
  enum state state = HUNT;
  uint32_t len = 0, seen = 0, sum = 0;
  uint64_t good = 0, bad = 0, total = 0;
  for (uint32_t i = 0; i < BYTES; ++i) {
    const uint32_t byte = input[i];
    switch (state) {
      case HUNT:
        if (byte == SYNC) state = LENGTH;
        break;
      case LENGTH:
        if (byte == 0 || byte > MAX_LEN) {
          state = byte == SYNC ? LENGTH : HUNT;
        } else {
          len = byte;
          seen = 0;
          sum = 0;
          state = PAYLOAD;
        }
        break;
      case PAYLOAD:
        sum += byte;
        if (++seen == len) state = CHECKSUM;
        break;
      case CHECKSUM:
        if ((sum & 0xffu) == byte) {
          ++good;
          total += sum;
        } else {
          ++bad;
        }
        state = HUNT;
        break;
    }
  }
  return (good << 48) ^ (bad << 32) ^ total;
}
