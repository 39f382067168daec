// UTF-8 validation for CBOR text strings (RFC 8949 section 3.1: text strings must be valid UTF-8).
#pragma once

#include <cstdint>
#include <span>

namespace tc::cbor {

// Well-formed UTF-8 per Unicode table 3-7: no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequence.
[[nodiscard]] bool valid_utf8(std::span<const uint8_t> text);

}  // namespace tc::cbor
