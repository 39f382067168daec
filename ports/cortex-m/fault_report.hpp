// Fault handlers that say what went wrong: on any CPU fault the firmware prints the exception, the
// stacked registers (r0-r3, r12, lr, pc, xpsr) and the fault status and address registers
// (CFSR, HFSR, MMFAR, BFAR) on the console UART, then exits through semihosting with
// ExitCode::fault. A test run therefore fails loudly instead of hanging in a loop.
#pragma once

#include <cstdint>
#include <string_view>

#include "exit_code.hpp"

// The handler of the hard, memory manage, bus and usage faults (the vector table's entries 3-6).
extern "C" void tc_fault_entry();

namespace tc::cortex_m {

// Enables the separate memory manage, bus and usage fault exceptions (otherwise they escalate to
// a hard fault and lose their name) and traps integer division by zero.
void enable_fault_handlers();

// Prints "FATAL: <what>" and exits with `code`; for run-time library failures (abort, heap use).
// Guards against recursion: a fault while reporting ends the run at once.
[[noreturn]] void fatal(std::string_view what, ExitCode code);

// An interrupt the firmware never enables fired: report it as a fault.
[[noreturn]] void report_unexpected_interrupt();

}  // namespace tc::cortex_m
