#include "uart_stellaris.hpp"

#include "mmio.hpp"

namespace tc::cortex_m {
namespace {

// Register offsets and bits (LM3S6965 data sheet, "UART Register Map").
constexpr uintptr_t kData = 0x000;
constexpr uintptr_t kFlags = 0x018;
constexpr uintptr_t kControl = 0x030;
constexpr uint32_t kTxFifoFull = 1u << 5;
constexpr uint32_t kUartEnable = 1u << 0;
constexpr uint32_t kTxEnable = 1u << 8;

}  // namespace

void StellarisUart::enable() const {
  reg32(base_ + kControl) = kUartEnable | kTxEnable;
}

void StellarisUart::put(char c) const {
  while ((reg32(base_ + kFlags) & kTxFifoFull) != 0) {
  }
  reg32(base_ + kData) = static_cast<uint8_t>(c);
}

}  // namespace tc::cortex_m
