// The firmware's SUIT identity (docs/firmware.md, "Trust"): the vendor and class identifiers its
// envelopes' conditions must name. The same rule as tc-device and tcctl (cli/suit/uuid.cpp):
// vendor = UUIDv5(DNS, "tinycontainer.dev"), class = UUIDv5(vendor, board name). CMake computes
// both for the build's board (TC_SUIT_VENDOR_ID, TC_SUIT_CLASS_ID: the 16 bytes as a list) and
// writes them as tcctl sign options to <build>/trust/identity.args for the tests.
#pragma once

#include "suit/suit.hpp"

namespace tc::cortex_m {

[[nodiscard]] suit::DeviceIdentity device_identity();

}  // namespace tc::cortex_m
