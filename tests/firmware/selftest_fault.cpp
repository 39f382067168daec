// Firmware self-test of the port's failure paths (negative: ctest expects the failure verdict):
// the image divides by zero, which the port makes trap (CCR.DIV_0_TRP), so the usage fault
// handler must print the fault registers on the UART (CFSR bit 25, DIVBYZERO) and end the run with
// ExitCode::fault. Proves that a crash is reported and that a non-zero semihosting status reaches
// the shell. (An unmapped read is no test: QEMU's lm3s6965evb reads it as zero.)
#include <cstdint>

#include "console.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"

namespace {

volatile uint32_t divisor = 0;  // volatile: the compiler may not fold or drop the division

}  // namespace

extern "C" int tc_firmware_main() {
  tc::firmware_test::begin("selftest_fault");
  tc::cortex_m::console::line("dividing by zero: expect a UsageFault report");
  const uint32_t quotient = 1000u / divisor;
  tc::cortex_m::console::print_dec(quotient);
  tc::cortex_m::console::line(": no fault was raised");
  return 0;  // reaching this is the failure: ctest expects ExitCode::fault
}
