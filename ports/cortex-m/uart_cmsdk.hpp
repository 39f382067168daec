// The Arm CMSDK APB UART of the MPS2 FPGA images: QEMU's mps2-an386 has UART0 at 0x40004000 and
// UART1 at 0x40005000 (the first and second -serial). It drops what is written while the
// transmitter is disabled, so enable() must come first. Transmit is polled; the receiver holds
// one byte and raises its receive interrupt for each.
#pragma once

#include <cstdint>

namespace tc::cortex_m {

class CmsdkUart {
 public:
  explicit constexpr CmsdkUart(uintptr_t base) : base_(base) {}
  // Sets a valid baud divider and enables the transmitter.
  void enable() const;
  void put(char c) const;
  // Enables the receiver and its interrupt (the transmitter stays enabled).
  void enable_receive_interrupt() const;
  // Takes the received byte; false when there is none. Acknowledges the receive interrupt first,
  // so that a byte arriving after the check raises it again.
  bool receive(uint8_t& byte) const;

 private:
  uintptr_t base_;
};

}  // namespace tc::cortex_m
