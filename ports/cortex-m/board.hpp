// The board support interface: what the rest of the Cortex-M port needs from one board. A build is
// for one board (TC_FIRMWARE_BOARD): board.cpp implements these over that board's description,
// board_<board>.hpp (name, core clock, console UART), so they are plain functions, not virtual
// calls.
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::cortex_m::board {

// "lm3s6965evb" or "mps2-an386": the QEMU machine name.
[[nodiscard]] std::string_view name();
// The core clock that SysTick counts (CLKSOURCE = processor clock), in Hz.
[[nodiscard]] uint32_t cpu_hz();
// Brings up what the firmware needs before anything prints: the console UART.
void init();
// Sends one byte on the console UART, waiting while its transmit FIFO is full.
void uart_put(char c);

}  // namespace tc::cortex_m::board
