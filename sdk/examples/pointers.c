/* Pointers stored in globals: the builder resolves them at build time (R_BPF_64_ABS64 data
 * relocations) into container addresses in the rodata and data slots.
 * Expected: tc_start returns 10 + 20 + 30 + 40 + 7 + 'B' (66) = 173. */
#include <tinycontainer.h>

static uint32_t samples[4] = {10, 20, 30, 40};
static const char label[] = "ABC";

struct view {
  uint32_t* items; /* points into .data */
  uint32_t count;
  const char* name; /* points into .rodata */
};

/* Pointers to globals inside globals: each is a data relocation. */
struct view window = {samples, 4, label + 1};
uint32_t* const last = &samples[3];
static uint32_t extra = 7;
uint32_t* extras[] = {&extra};

long tc_start(void) {
  uint32_t sum = 0;
  for (uint32_t i = 0; i < window.count; ++i)
    sum += window.items[i];
  *last += 1; /* `last` lives in .rodata and points into .data */
  sum += *last - 41;
  return (long)(sum + *extras[0] + (uint8_t)window.name[0]);
}
