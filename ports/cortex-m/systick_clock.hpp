// The agent's Clock port on SysTick (systick.hpp): milliseconds and microseconds since the
// firmware started its tick.
#pragma once

#include "agent/clock.hpp"
#include "systick.hpp"

namespace tc::cortex_m {

class SysTickClock final : public agent::Clock {
 public:
  [[nodiscard]] uint64_t now_ms() const override { return systick::now_ms(); }
  [[nodiscard]] uint64_t now_us() const override { return systick::now_us(); }
};

}  // namespace tc::cortex_m
