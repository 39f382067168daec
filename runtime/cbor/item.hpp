// One CBOR data item head as the reader yields it: a small value type, zero-copy for strings.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <string_view>

namespace tc::cbor {

// The reader's view of an item. Major types 0..6 map one to one; major type 7 splits into simple
// values, floats and the break code.
enum class Type : uint8_t {
  unsigned_int,  // argument is the value
  negative_int,  // the value is -1 - argument
  byte_string,   // data; if indefinite, definite chunks follow, then a break
  text_string,   // data, valid UTF-8; if indefinite, as byte_string
  array,         // argument is the element count unless indefinite
  map,           // argument is the pair count unless indefinite
  tag,           // argument is the tag number; the tagged item follows
  simple,        // argument is the simple value (false 20, true 21, null 22, undefined 23)
  floating,      // argument holds the IEEE 754 binary64 bits, widened from the encoded width
  break_code,    // ends the innermost indefinite-length item
};

inline constexpr uint8_t kSimpleFalse = 20;
inline constexpr uint8_t kSimpleTrue = 21;
inline constexpr uint8_t kSimpleNull = 22;
inline constexpr uint8_t kSimpleUndefined = 23;

// Count reported for indefinite-length arrays and maps by the typed reads. No definite count can
// equal it: every element takes at least one byte of input.
inline constexpr uint64_t kIndefinite = UINT64_MAX;

struct Item {
  Type type = Type::unsigned_int;
  bool indefinite = false;
  // The head used the shortest form for its argument (for floats: the narrowest width that holds
  // the value exactly), as RFC 8949 preferred serialization asks. Readers accept either.
  bool preferred = true;
  uint8_t float_width = 0;  // 16, 32 or 64 for floats, else 0
  uint64_t argument = 0;
  std::span<const uint8_t> data;  // definite strings: the content, inside the reader's input

  [[nodiscard]] double float_value() const { return std::bit_cast<double>(argument); }
  [[nodiscard]] std::string_view text() const {
    return {reinterpret_cast<const char*>(data.data()), data.size()};
  }
  [[nodiscard]] bool is_simple(uint8_t value) const {
    return type == Type::simple && argument == value;
  }
};

}  // namespace tc::cbor
