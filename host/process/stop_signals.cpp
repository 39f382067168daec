#include "process/stop_signals.hpp"

#include <pthread.h>

namespace tc::process {

StopSignals::StopSignals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

const char* StopSignals::wait() const {
  int signal = 0;
  sigwait(&set_, &signal);
  return signal == SIGINT ? "SIGINT" : "SIGTERM";
}

}  // namespace tc::process
