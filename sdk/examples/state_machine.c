/* A parcel box's lid as a state machine, driven by a constant event script.
 *
 * States: closed -> unlocked (code ok) -> open (lid lifted) -> closed (lid shut) ...; a wrong code
 * locks the box out after three attempts. The transition table lives in .rodata, the current
 * state in .bss, the counters in .data.
 * Expected: tc_start returns 3 * 256 + LOCKED_OUT (3) = 771. */
#include <tinycontainer.h>

enum state { CLOSED, UNLOCKED, OPEN, LOCKED_OUT, STATE_COUNT };
enum event { CODE_OK, CODE_BAD, LID_UP, LID_DOWN, EVENT_COUNT };

/* next[state][event] */
static const uint8_t next_state[STATE_COUNT][EVENT_COUNT] = {
    [CLOSED] = {UNLOCKED, CLOSED, CLOSED, CLOSED},
    [UNLOCKED] = {UNLOCKED, CLOSED, OPEN, UNLOCKED},
    [OPEN] = {OPEN, OPEN, OPEN, CLOSED},
    [LOCKED_OUT] = {LOCKED_OUT, LOCKED_OUT, LOCKED_OUT, LOCKED_OUT},
};

static const uint8_t script[] = {
    CODE_OK,  LID_UP,   LID_DOWN,           /* delivery 1 */
    CODE_BAD, CODE_OK,  LID_UP,   LID_DOWN, /* a typo, then delivery 2 */
    LID_UP,                                 /* ignored while closed */
    CODE_OK,  LID_UP,   LID_DOWN,           /* delivery 3 */
    CODE_BAD, CODE_BAD, CODE_BAD, CODE_OK,  /* three bad codes: locked out */
};

static uint8_t state; /* .bss: starts CLOSED */
uint32_t deliveries = 0;
uint32_t bad_codes = 0;
uint32_t max_bad_codes = 3; /* .data */

static __attribute__((noinline)) void step(uint8_t ev) {
  if (ev == CODE_BAD && ++bad_codes >= max_bad_codes) {
    state = LOCKED_OUT;
    return;
  }
  if (ev == CODE_OK && state != LOCKED_OUT) bad_codes = 0;
  const uint8_t next = next_state[state][ev];
  if (state == OPEN && next == CLOSED) ++deliveries;
  state = next;
}

/* Returns deliveries * 256 + final state: 3 deliveries, locked out -> 0x303 = 771. */
long tc_start(void) {
  for (uint32_t i = 0; i < sizeof script; ++i)
    step(script[i]);
  return (long)(deliveries * 256u + state);
}
