#include "uart_stellaris.hpp"

#include "mmio.hpp"

namespace tc::cortex_m {
namespace {

// Register offsets and bits (LM3S6965 data sheet, "UART Register Map").
constexpr uintptr_t kData = 0x000;
constexpr uintptr_t kFlags = 0x018;
constexpr uintptr_t kLineControl = 0x02C;
constexpr uintptr_t kControl = 0x030;
constexpr uintptr_t kInterruptMask = 0x038;
constexpr uintptr_t kInterruptClear = 0x044;
constexpr uint32_t kRxFifoEmpty = 1u << 4;
constexpr uint32_t kTxFifoFull = 1u << 5;
constexpr uint32_t kFifoEnable = 1u << 4;
constexpr uint32_t kEightBits = 3u << 5;
constexpr uint32_t kUartEnable = 1u << 0;
constexpr uint32_t kTxEnable = 1u << 8;
constexpr uint32_t kRxEnable = 1u << 9;
constexpr uint32_t kRxInterrupt = 1u << 4;
constexpr uint32_t kRxTimeoutInterrupt = 1u << 6;
constexpr uint32_t kDataMask = 0xFF;  // bits 8..11 are the byte's error flags

}  // namespace

void StellarisUart::enable() const {
  reg32(base_ + kControl) = kUartEnable | kTxEnable;
}

void StellarisUart::put(char c) const {
  while ((reg32(base_ + kFlags) & kTxFifoFull) != 0) {
  }
  reg32(base_ + kData) = static_cast<uint8_t>(c);
}

void StellarisUart::enable_receive_interrupt() const {
  reg32(base_ + kLineControl) = kFifoEnable | kEightBits;
  reg32(base_ + kInterruptClear) = kRxInterrupt | kRxTimeoutInterrupt;
  reg32(base_ + kInterruptMask) = kRxInterrupt | kRxTimeoutInterrupt;
  reg32(base_ + kControl) = kUartEnable | kTxEnable | kRxEnable;
}

bool StellarisUart::receive(uint8_t& byte) const {
  if ((reg32(base_ + kFlags) & kRxFifoEmpty) != 0) {
    reg32(base_ + kInterruptClear) = kRxTimeoutInterrupt;
    return false;
  }
  byte = static_cast<uint8_t>(reg32(base_ + kData) & kDataMask);
  return true;
}

}  // namespace tc::cortex_m
