#include "systick.hpp"

#include "board.hpp"
#include "mmio.hpp"

namespace tc::cortex_m::systick {
namespace {

// SysTick registers (ARMv7-M architecture manual, B3.3).
constexpr uintptr_t kControl = 0xE000'E010;
constexpr uintptr_t kReload = 0xE000'E014;
constexpr uintptr_t kCurrent = 0xE000'E018;
constexpr uint32_t kEnable = 1u << 0;
constexpr uint32_t kTickInterrupt = 1u << 1;
constexpr uint32_t kProcessorClock = 1u << 2;

// Written only by the interrupt; readers retry until two reads agree (a 64-bit load is two
// instructions on the M3 and the interrupt may land between them).
volatile uint64_t milliseconds = 0;
uint32_t reload = 0;
TickListener* volatile listener = nullptr;

}  // namespace

void start() {
  reload = board::cpu_hz() / 1000 - 1;
  reg32(kReload) = reload;
  reg32(kCurrent) = 0;
  reg32(kControl) = kEnable | kTickInterrupt | kProcessorClock;
}

uint64_t now_ms() {
  uint64_t first = 0;
  uint64_t second = 0;
  do {
    first = milliseconds;
    second = milliseconds;
  } while (first != second);
  return first;
}

uint64_t now_us() {
  uint64_t before = 0;
  uint32_t current = 0;
  do {
    before = now_ms();
    current = reg32(kCurrent);
  } while (before != now_ms());
  // The counter runs down from `reload` to 0 within each millisecond.
  const uint64_t elapsed = reload - current;
  return before * 1000 + elapsed * 1000 / (uint64_t{reload} + 1);
}

void set_listener(TickListener* l) {
  listener = l;
}

void wait_for_interrupt() {
  asm volatile("wfi" ::: "memory");
}

void interrupt() {
  const uint64_t now = milliseconds + 1;
  milliseconds = now;
  if (TickListener* l = listener) l->tick(now);
}

}  // namespace tc::cortex_m::systick
