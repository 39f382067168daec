// Board description of QEMU's mps2-an386 (Arm MPS2+ with the AN386 FPGA image: Cortex-M4 with
// MPU, 4 MiB code SSRAM at 0, 4 MiB data SSRAM at 0x20000000). Included by board.cpp when the
// build's TC_FIRMWARE_BOARD is mps2-an386.
#pragma once

#include <cstdint>
#include <string_view>

#include "uart_cmsdk.hpp"

namespace tc::cortex_m::board_spec {

inline constexpr std::string_view kName = "mps2-an386";
// The FPGA images run the core at 25 MHz (QEMU's SYSCLK_FRQ for the MPS2 machines).
inline constexpr uint32_t kCpuHz = 25'000'000;
inline constexpr CmsdkUart kUart0(0x4000'4000);
inline constexpr CmsdkUart kUart1(0x4000'5000);
inline constexpr uint32_t kUart0Irq = 0;  // UART0's receive interrupt (its transmit one is 1)

}  // namespace tc::cortex_m::board_spec
