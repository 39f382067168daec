// Board description of QEMU's lm3s6965evb (TI Stellaris LM3S6965: Cortex-M3, 256 KiB flash,
// 64 KiB SRAM), the "does it fit" board of issue 7. Included by board.cpp when the build's
// TC_FIRMWARE_BOARD is lm3s6965evb.
#pragma once

#include <cstdint>
#include <string_view>

#include "uart_stellaris.hpp"

namespace tc::cortex_m::board_spec {

inline constexpr std::string_view kName = "lm3s6965evb";
// QEMU derives the system clock from RCC's SYSDIV field over a 200 MHz source; the reset value
// (SYSDIV 15, divide by 16) gives 12.5 MHz, which the firmware leaves as it is.
inline constexpr uint32_t kCpuHz = 12'500'000;
inline constexpr StellarisUart kUart0(0x4000'C000);
inline constexpr StellarisUart kUart1(0x4000'D000);
inline constexpr uint32_t kUart0Irq = 5;  // the UART0 interrupt, vector 16 + 5

}  // namespace tc::cortex_m::board_spec
