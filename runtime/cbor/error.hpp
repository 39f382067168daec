// Why a CBOR read or write failed. One enum for the reader, the writer and the diagnostic
// renderer, so callers handle a single type.
#pragma once

#include <cstdint>

#include "core/status.hpp"

namespace tc::cbor {

enum class Error : uint8_t {
  ok = 0,
  // Malformed input (RFC 8949 section 3 and appendix F). Sticky: the reader stops for good.
  truncated,                 // input ends inside a data item
  reserved_additional_info,  // additional information 28..30
  bad_indefinite,            // indefinite length on an integer or tag, or a bad string chunk
  unexpected_break,          // break outside an indefinite container, after a tag or map key
  bad_simple_value,          // two-byte simple value below 32
  nesting_too_deep,          // more than kMaxDepth open containers and tags
  invalid_utf8,              // a text string is not valid UTF-8
  // Not malformed: the reader is left where it was and may be used again.
  end_of_input,      // no data item left at the top level
  wrong_type,        // a typed read found another kind of item
  integer_overflow,  // the integer does not fit the requested type
  trailing_bytes,    // finish(): bytes after the last top-level item
  // Writer and renderer.
  buffer_full,  // the output buffer is too small; nothing past its end was written
};

[[nodiscard]] const char* describe(Error error);

// The broad status class of an error, with describe() as its message.
[[nodiscard]] Status to_status(Error error);

}  // namespace tc::cbor
