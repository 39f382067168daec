// Memory-mapped register access for the Cortex-M port: the one place that turns a fixed device
// address into a volatile reference, so that drivers read as "register at offset" and nothing else
// casts integers to pointers.
#pragma once

#include <cstdint>

namespace tc::cortex_m {

// The 32-bit device register at `address`.
inline volatile uint32_t& reg32(uintptr_t address) {
  return *reinterpret_cast<volatile uint32_t*>(address);  // NOLINT(performance-no-int-to-ptr)
}

// System control block registers shared by the M3 and M4 (ARMv7-M architecture manual, B3.2).
inline constexpr uintptr_t kScbCfsr = 0xE000'ED28;   // configurable fault status
inline constexpr uintptr_t kScbHfsr = 0xE000'ED2C;   // hard fault status
inline constexpr uintptr_t kScbMmfar = 0xE000'ED34;  // memory manage fault address
inline constexpr uintptr_t kScbBfar = 0xE000'ED38;   // bus fault address
inline constexpr uintptr_t kScbShcsr = 0xE000'ED24;  // system handler control and state

}  // namespace tc::cortex_m
