// The four special bytes of SLIP (RFC 1055).
#pragma once

#include <cstdint>

namespace tc::slip {

inline constexpr uint8_t kEnd = 0xC0;
inline constexpr uint8_t kEsc = 0xDB;
inline constexpr uint8_t kEscEnd = 0xDC;  // after kEsc: a kEnd data byte
inline constexpr uint8_t kEscEsc = 0xDD;  // after kEsc: a kEsc data byte

}  // namespace tc::slip
