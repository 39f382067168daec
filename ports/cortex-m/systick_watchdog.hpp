// The agent's Watchdog port on the SysTick interrupt: arm() records the deadline and the machine,
// and the first tick at or past the deadline calls machine.request_stop() from interrupt context
// (the one Machine member safe there). The core is single and the interrupt runs to completion,
// so once disarm() has cleared the armed flag the interrupt never touches the machine again.
#pragma once

#include <atomic>
#include <cstdint>

#include "agent/watchdog.hpp"
#include "systick.hpp"

namespace tc::cortex_m {

class SysTickWatchdog final : public agent::Watchdog, public systick::TickListener {
 public:
  // Registers itself as the SysTick listener.
  SysTickWatchdog();

  void arm(uint64_t deadline_ms, vm::Machine& machine) override;
  void disarm() override;
  void tick(uint64_t now_ms) override;

  // How many activations it stopped.
  [[nodiscard]] uint32_t fired() const { return fired_.load(std::memory_order_relaxed); }
  // For the last stop: microseconds from arm() to the request_stop() call (how long the stopped
  // activation had run), on the SysTick clock.
  [[nodiscard]] uint64_t last_stop_after_us() const { return last_stop_after_us_; }

 private:
  vm::Machine* machine_ = nullptr;
  uint64_t deadline_ms_ = 0;
  std::atomic<bool> armed_{false};
  std::atomic<uint32_t> fired_{0};
  uint64_t armed_at_us_ = 0;
  volatile uint64_t last_stop_after_us_ = 0;
};

}  // namespace tc::cortex_m
