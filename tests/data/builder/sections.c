/* A container that uses every area: code with a local call, rodata, data, bss and a pointer
 * stored in data. tc_start returns 'h' + 5 + 7 + 0 + 3 = 119. */
#include <tinycontainer.h>

static const char text[] = "hello";
uint32_t counter = 5;
uint32_t which = 1; /* non-zero: stays in .data */
static uint32_t zeroed;
uint32_t values[2] = {7, 3};
uint32_t* second = &values[1];

static __attribute__((noinline)) uint32_t add(uint32_t a, uint32_t b) {
  return a + b;
}

long tc_start(void) {
  return add((uint8_t)text[which - 1] + counter, values[0]) + zeroed + *second;
}

long tc_loop(void) {
  ++zeroed;
  return zeroed;
}
