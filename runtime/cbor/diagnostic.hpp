// RFC 8949 section 8 diagnostic notation of CBOR data items, for logs, tests and tools:
//   [1, [2, 3]]   {"a": 1}   h'0102'   1(1363896240)   -1   1.5   Infinity   simple(16)
//   (_ h'0102', h'030405')   [_ 1, 2]   {_ "a": 1}   ''_ (an empty indefinite byte string)
// Floats print their shortest round-trip decimal (float_text.hpp); encoding indicators (_0 ..
// _3) are not written. Text strings print as UTF-8 with \" \\ and \uXXXX for control characters.
#pragma once

#include <cstdint>
#include <span>

#include "cbor/error.hpp"
#include "cbor/reader.hpp"
#include "core/text.hpp"

namespace tc::cbor {

// Renders the reader's next data item, with everything nested in it, and consumes it. Returns
// buffer_full if the text was cut short (the item is still consumed), or the reader's error.
[[nodiscard]] Error render_diagnostic(Reader& reader, TextBuilder& out);

// Renders one encoded data item; trailing_bytes if the input holds more than that item.
[[nodiscard]] Error diagnostic(std::span<const uint8_t> encoded, std::span<char> out);

}  // namespace tc::cbor
