// The CoAP response codes the gateway answers with, as on the wire (class << 5 | detail), so that
// the registration table (which has no libcoap) and the libcoap handlers share one spelling.
#pragma once

#include <cstdint>

namespace tc::gw::code {

inline constexpr uint8_t kCreated = 0x41;             // 2.01
inline constexpr uint8_t kDeleted = 0x42;             // 2.02
inline constexpr uint8_t kChanged = 0x44;             // 2.04
inline constexpr uint8_t kContent = 0x45;             // 2.05
inline constexpr uint8_t kBadRequest = 0x80;          // 4.00
inline constexpr uint8_t kForbidden = 0x83;           // 4.03
inline constexpr uint8_t kNotFound = 0x84;            // 4.04
inline constexpr uint8_t kMethodNotAllowed = 0x85;    // 4.05
inline constexpr uint8_t kIncomplete = 0x88;          // 4.08
inline constexpr uint8_t kTooLarge = 0x8d;            // 4.13
inline constexpr uint8_t kUnsupportedFormat = 0x8f;   // 4.15
inline constexpr uint8_t kInternalError = 0xa0;       // 5.00
inline constexpr uint8_t kServiceUnavailable = 0xa3;  // 5.03

}  // namespace tc::gw::code
