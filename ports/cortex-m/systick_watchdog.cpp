#include "systick_watchdog.hpp"

#include "vm/vm.hpp"

namespace tc::cortex_m {

SysTickWatchdog::SysTickWatchdog() {
  systick::set_listener(this);
}

void SysTickWatchdog::arm(uint64_t deadline_ms, vm::Machine& machine) {
  armed_.store(false, std::memory_order_release);
  machine_ = &machine;
  deadline_ms_ = deadline_ms;
  armed_at_us_ = systick::now_us();
  armed_.store(true, std::memory_order_release);  // publishes machine_ and deadline_ms_
}

void SysTickWatchdog::disarm() {
  armed_.store(false, std::memory_order_release);
}

void SysTickWatchdog::tick(uint64_t now_ms) {  // in the SysTick interrupt
  if (!armed_.load(std::memory_order_acquire) || now_ms < deadline_ms_) return;
  armed_.store(false, std::memory_order_relaxed);
  machine_->request_stop();
  last_stop_after_us_ = systick::now_us() - armed_at_us_;
  fired_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace tc::cortex_m
