// ARM semihosting (the "bkpt 0xAB" calls a debugger or QEMU with -semihosting answers). The
// firmware uses it for one thing only: to end the run with a status the host can see, which is the
// self-tests' verdict. Without semihosting enabled the call itself faults, so only run the images
// under `qemu-system-arm -semihosting-config enable=on,target=native` or a debugger that serves it.
#pragma once

#include "exit_code.hpp"

namespace tc::cortex_m::semihosting {

// Ends the emulation with `status` as the process exit status (SYS_EXIT_EXTENDED with
// ADP_Stopped_ApplicationExit; QEMU passes the subcode through as its own exit status).
[[noreturn]] void exit(int status);
[[noreturn]] inline void exit(ExitCode code) {
  exit(static_cast<int>(code));
}

}  // namespace tc::cortex_m::semihosting
