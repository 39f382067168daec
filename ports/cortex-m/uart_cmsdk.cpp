#include "uart_cmsdk.hpp"

#include "mmio.hpp"

namespace tc::cortex_m {
namespace {

// Register offsets and bits (Arm Cortex-M System Design Kit TRM, "APB UART").
constexpr uintptr_t kData = 0x000;
constexpr uintptr_t kState = 0x004;
constexpr uintptr_t kControl = 0x008;
constexpr uintptr_t kInterruptStatus = 0x00C;  // write 1 to clear
constexpr uintptr_t kBaudDivider = 0x010;
constexpr uint32_t kTxBufferFull = 1u << 0;
constexpr uint32_t kRxBufferFull = 1u << 1;
constexpr uint32_t kTxEnable = 1u << 0;
constexpr uint32_t kRxEnable = 1u << 1;
constexpr uint32_t kRxInterruptEnable = 1u << 3;
constexpr uint32_t kRxInterrupt = 1u << 1;
constexpr uint32_t kSmallestBaudDivider = 16;  // smaller values are invalid

}  // namespace

void CmsdkUart::enable() const {
  reg32(base_ + kBaudDivider) = kSmallestBaudDivider;
  reg32(base_ + kControl) = kTxEnable;
}

void CmsdkUart::put(char c) const {
  while ((reg32(base_ + kState) & kTxBufferFull) != 0) {
  }
  reg32(base_ + kData) = static_cast<uint8_t>(c);
}

void CmsdkUart::enable_receive_interrupt() const {
  reg32(base_ + kInterruptStatus) = kRxInterrupt;
  reg32(base_ + kControl) = kTxEnable | kRxEnable | kRxInterruptEnable;
}

bool CmsdkUart::receive(uint8_t& byte) const {
  reg32(base_ + kInterruptStatus) = kRxInterrupt;
  if ((reg32(base_ + kState) & kRxBufferFull) == 0) return false;
  byte = static_cast<uint8_t>(reg32(base_ + kData));
  return true;
}

}  // namespace tc::cortex_m
