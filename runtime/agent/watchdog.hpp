// Port: a one-shot timer that stops a running activation at its wall-clock deadline.
//
// The agent arms it just before it runs or resumes a container and disarms it right after. On
// expiry the port calls machine.request_stop(), the one Machine member that is safe from another
// thread or an interrupt handler; the VM then ends the activation at its next back edge or helper
// call. A port needs no other synchronisation: at most one activation runs at a time.
#pragma once

#include <cstdint>

#include "vm/vm.hpp"

namespace tc::agent {

class Watchdog {
 public:
  virtual ~Watchdog() = default;
  // Starts (or restarts) the timer: at `deadline_ms` on the Clock's time base, stop `machine`.
  virtual void arm(uint64_t deadline_ms, vm::Machine& machine) = 0;
  // Cancels the timer; after it returns the port never touches the machine.
  virtual void disarm() = 0;
};

}  // namespace tc::agent
