// The Stellaris (LM3S) UART, a PL011 derivative: QEMU's lm3s6965evb has UART0 at 0x4000C000 and
// UART1 at 0x4000D000, connected to the first and second -serial. Transmit is polled; receive
// raises the UART's interrupt for every byte (QEMU's PL011 triggers at one byte in the FIFO).
#pragma once

#include <cstdint>

namespace tc::cortex_m {

class StellarisUart {
 public:
  explicit constexpr StellarisUart(uintptr_t base) : base_(base) {}
  // Enables the UART with its transmitter (the baud rate does not matter under QEMU).
  void enable() const;
  void put(char c) const;
  // Enables the receiver with its 16-byte FIFO and the receive (and receive timeout) interrupts.
  void enable_receive_interrupt() const;
  // Takes one received byte; false when the FIFO is empty. Reading the FIFO empty clears the
  // receive interrupt, so the interrupt handler calls this until it returns false.
  bool receive(uint8_t& byte) const;

 private:
  uintptr_t base_;
};

}  // namespace tc::cortex_m
