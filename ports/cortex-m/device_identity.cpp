#include "device_identity.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace tc::cortex_m {

suit::DeviceIdentity device_identity() {
  constexpr std::array<uint8_t, suit::kUuidSize> vendor{TC_SUIT_VENDOR_ID};
  constexpr std::array<uint8_t, suit::kUuidSize> board_class{TC_SUIT_CLASS_ID};
  suit::DeviceIdentity id;
  std::copy(vendor.begin(), vendor.end(), id.vendor_id);
  std::copy(board_class.begin(), board_class.end(), id.class_id);
  return id;
}

}  // namespace tc::cortex_m
