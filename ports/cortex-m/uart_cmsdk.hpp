// The Arm CMSDK APB UART of the MPS2 FPGA images: QEMU's mps2-an386 has UART0 at 0x40004000. It
// drops what is written while the transmitter is disabled, so enable() must come first.
#pragma once

#include <cstdint>

namespace tc::cortex_m {

class CmsdkUart {
 public:
  explicit constexpr CmsdkUart(uintptr_t base) : base_(base) {}
  // Sets a valid baud divider and enables the transmitter.
  void enable() const;
  void put(char c) const;

 private:
  uintptr_t base_;
};

}  // namespace tc::cortex_m
