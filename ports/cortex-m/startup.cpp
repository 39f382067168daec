// Reset and the vector table. The reset handler prepares the C++ world the way a hosted program
// gets it (.data copied from flash, .bss zeroed, static constructors run), calls the image's
// tc_firmware_main() and turns its result into the semihosting exit status. The symbols come from
// the board's linker script (linker/sections.ld).
#include <cstdint>
#include <cstring>

#include "board.hpp"
#include "exit_code.hpp"
#include "fault_report.hpp"
#include "firmware_main.hpp"
#include "semihosting.hpp"
#include "systick.hpp"

extern "C" {
// Linker script symbols; only their addresses mean something.
extern uint8_t __data_load__[];
extern uint8_t __data_start__[];
extern uint8_t __data_end__[];
extern uint8_t __bss_start__[];
extern uint8_t __bss_end__[];
using InitFunction = void (*)();
extern InitFunction __init_array_start[];
extern InitFunction __init_array_end[];
// The initial stack pointer, declared as a function so that the vector table, an array of handler
// addresses, can hold it without a cast the compiler could not fold into a constant.
void __stack_top__();

[[noreturn]] void Reset_Handler();
}

namespace {

using Handler = void (*)();

void unexpected_interrupt() {
  tc::cortex_m::report_unexpected_interrupt();
}

}  // namespace

// The ARMv7-M vector table: the initial SP, the 15 system exceptions, then the device interrupts
// (none used: the firmware polls its UART and needs only SysTick).
extern "C" __attribute__((section(".vectors"), used)) const Handler tc_vector_table[16] = {
    __stack_top__,
    Reset_Handler,
    unexpected_interrupt,  // NMI
    tc_fault_entry,        // HardFault
    tc_fault_entry,        // MemManage
    tc_fault_entry,        // BusFault
    tc_fault_entry,        // UsageFault
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    unexpected_interrupt,  // SVCall
    unexpected_interrupt,  // DebugMonitor
    nullptr,
    unexpected_interrupt,  // PendSV
    tc::cortex_m::systick::interrupt,
};

extern "C" void Reset_Handler() {
  const auto data_size = static_cast<std::size_t>(__data_end__ - __data_start__);
  std::memcpy(__data_start__, __data_load__, data_size);
  std::memset(__bss_start__, 0, static_cast<std::size_t>(__bss_end__ - __bss_start__));
  tc::cortex_m::enable_fault_handlers();
  tc::cortex_m::board::init();  // the console first: anything after it may print
  for (InitFunction* f = __init_array_start; f < __init_array_end; ++f) {
    (*f)();
  }
  tc::cortex_m::semihosting::exit(tc_firmware_main());
}
