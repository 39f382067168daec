// SysTick as the device's millisecond clock: a 1 kHz interrupt counts milliseconds since start(),
// and the counter's current value refines them to microseconds. On each tick the interrupt calls
// one optional listener (the watchdog port), which therefore runs in interrupt context.
//
// Under QEMU with -icount the count follows emulated time, so figures measured with it are
// deterministic; without -icount it follows the host's clock.
#pragma once

#include <cstdint>

namespace tc::cortex_m::systick {

// Called from the SysTick interrupt after the millisecond count moved to `now_ms`.
class TickListener {
 public:
  virtual void tick(uint64_t now_ms) = 0;

 protected:
  ~TickListener() = default;
};

// Programs SysTick for a 1 ms period of the board's processor clock and enables its interrupt.
void start();
// Milliseconds and microseconds since start(), on one time base; 0 before it.
[[nodiscard]] uint64_t now_ms();
[[nodiscard]] uint64_t now_us();
// The listener the interrupt calls (nullptr: none). Set it before arming anything it watches.
void set_listener(TickListener* listener);
// Sleeps until the next interrupt (a tick at the latest).
void wait_for_interrupt();

// The SysTick exception handler (vector table entry 15).
void interrupt();

}  // namespace tc::cortex_m::systick
