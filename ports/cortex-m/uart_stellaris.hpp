// The Stellaris (LM3S) UART, a PL011 derivative: QEMU's lm3s6965evb has UART0 at 0x4000C000 and
// prints what is written to its data register on -serial / -nographic's console.
#pragma once

#include <cstdint>

namespace tc::cortex_m {

class StellarisUart {
 public:
  explicit constexpr StellarisUart(uintptr_t base) : base_(base) {}
  // Enables the UART with its transmitter (the baud rate does not matter under QEMU).
  void enable() const;
  void put(char c) const;

 private:
  uintptr_t base_;
};

}  // namespace tc::cortex_m
