// The board support interface: what the rest of the Cortex-M port needs from one board. A build is
// for one board (TC_FIRMWARE_BOARD): board.cpp implements these over that board's description,
// board_<board>.hpp (name, core clock, its first two UARTs and UART0's interrupt), so they are
// plain functions, not virtual calls.
//
// UART0 is the console until start_link() gives it to the device link (CoAP over SLIP,
// docs/firmware.md); the console then moves to UART1, so that nothing but frames ever crosses the
// link.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "byte_ring.hpp"

namespace tc::cortex_m::board {

// What the link receives while the main loop is busy (a container activation). When it is full
// the UART's interrupt is masked, the UART's own buffer fills and QEMU stops reading the serial
// socket: the sender waits instead of losing bytes.
inline constexpr std::size_t kLinkRingBytes = 512;
using LinkRing = ByteRing<kLinkRingBytes>;

// "lm3s6965evb" or "mps2-an386": the QEMU machine name.
[[nodiscard]] std::string_view name();
// The core clock that SysTick counts (CLKSOURCE = processor clock), in Hz.
[[nodiscard]] uint32_t cpu_hz();
// Brings up what the firmware needs before anything prints: the console UART.
void init();
// Sends one byte on the console UART, waiting while its transmit FIFO is full.
void uart_put(char c);

// Moves the console to UART1 and makes UART0 the link: from now on UART0's receive interrupt
// pushes every byte it receives into `ring`, and masks itself when the ring is full.
void start_link(LinkRing& ring);
// Unmasks the link's receive interrupt; call after taking bytes out of the ring.
void resume_link();
// Sends one byte on the link, waiting while its transmit FIFO is full.
void link_put(uint8_t byte);

// The handler of every device interrupt (vector table entries 16 and up): serves the link's
// receive interrupt and reports any other as unexpected.
void device_interrupt();

}  // namespace tc::cortex_m::board
