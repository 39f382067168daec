// The firmware's verdicts, as the semihosting exit status QEMU hands to the shell. A self-test
// returns passed or failed from tc_firmware_main(); the other codes come from the port itself when
// something went wrong underneath the test.
#pragma once

namespace tc::cortex_m {

enum class ExitCode : int {
  passed = 0,
  failed = 1,    // the self-test's own checks failed
  fault = 2,     // a CPU fault (hard, memory, bus or usage fault), reported on the UART
  heap_use = 3,  // something called malloc (through _sbrk) after start-up
  aborted = 4,   // abort(), a pure virtual call or another run-time library failure
};

}  // namespace tc::cortex_m
