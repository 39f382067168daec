// Stopping a host program cleanly on SIGINT or SIGTERM: the signals are blocked in every thread
// (threads inherit the mask, so block them before starting any) and the main thread waits for
// one with sigwait, then stops its parts in order.
#pragma once

#include <signal.h>

namespace tc::process {

class StopSignals {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later.
  StopSignals();
  // Waits for one of them; returns its name ("SIGINT", "SIGTERM").
  [[nodiscard]] const char* wait() const;

 private:
  sigset_t set_{};
};

}  // namespace tc::process
