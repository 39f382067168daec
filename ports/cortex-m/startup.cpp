// Reset and the vector table. The reset handler paints the stack (stack_watermark.hpp), prepares
// the C++ world the way a hosted program gets it (.data copied from flash, .bss zeroed, static
// constructors run), calls the image's tc_firmware_main() and turns its result into the
// semihosting exit status. The symbols come from the board's linker script (linker/sections.ld).
#include <cstdint>
#include <cstring>

#include "board.hpp"
#include "exit_code.hpp"
#include "fault_report.hpp"
#include "firmware_main.hpp"
#include "semihosting.hpp"
#include "stack_watermark.hpp"
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

// The number of device interrupts the table covers: both boards' UART0 interrupts are below it.
constexpr std::size_t kDeviceInterrupts = 32;

// The ARMv7-M system vectors: the initial SP and the 15 system exceptions.
constexpr Handler kSystemVectors[16] = {
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

// The vector table: the system vectors, then the device interrupts, all of them served by
// board::device_interrupt() (only the link's UART is ever enabled).
struct VectorTable {
  Handler system[16];
  Handler device[kDeviceInterrupts];
};

constexpr VectorTable make_vector_table() {
  VectorTable t{};
  for (std::size_t i = 0; i < 16; ++i)
    t.system[i] = kSystemVectors[i];
  for (Handler& h : t.device)
    h = tc::cortex_m::board::device_interrupt;
  return t;
}

}  // namespace

extern "C" __attribute__((section(".vectors"), used)) constinit const VectorTable tc_vector_table =
    make_vector_table();

extern "C" void Reset_Handler() {
  tc::cortex_m::stack::paint();  // first: nothing has run deep yet
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
