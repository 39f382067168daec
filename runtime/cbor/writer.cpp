#include "cbor/writer.hpp"

#include <bit>

#include "cbor/float_bits.hpp"
#include "cbor/utf8.hpp"

namespace tc::cbor {
namespace {

constexpr uint8_t kUnsigned = 0;
constexpr uint8_t kNegative = 1;
constexpr uint8_t kBytes = 2;
constexpr uint8_t kText = 3;
constexpr uint8_t kArray = 4;
constexpr uint8_t kMap = 5;
constexpr uint8_t kTag = 6;
constexpr uint8_t kSimple = 7;
constexpr uint8_t kIndefiniteBits = 31;

std::span<const uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// An encoded head: the initial byte plus 0, 1, 2, 4 or 8 argument bytes, big-endian.
struct Head {
  uint8_t bytes[9] = {};
  std::size_t size = 0;

  Head(uint8_t major, uint8_t additional, uint64_t argument, std::size_t width) : size(1 + width) {
    bytes[0] = static_cast<uint8_t>(major << 5 | additional);
    for (std::size_t i = 0; i < width; ++i)
      bytes[1 + i] = static_cast<uint8_t>(argument >> (8 * (width - 1 - i)));
  }
  [[nodiscard]] std::span<const uint8_t> span() const { return {bytes, size}; }
};

Head shortest_head(uint8_t major, uint64_t argument) {
  if (argument < 24) return {major, static_cast<uint8_t>(argument), 0, 0};
  if (argument <= 0xff) return {major, 24, argument, 1};
  if (argument <= 0xffff) return {major, 25, argument, 2};
  if (argument <= 0xffffffff) return {major, 26, argument, 4};
  return {major, 27, argument, 8};
}

Head float_head(uint64_t bits) {
  uint32_t narrow_bits = 0;
  if (narrow(bits, kBinary16, narrow_bits)) return {kSimple, 25, narrow_bits, 2};
  if (narrow(bits, kBinary32, narrow_bits)) return {kSimple, 26, narrow_bits, 4};
  return {kSimple, 27, bits, 8};
}

Head indefinite_head(uint8_t major) {
  return {major, kIndefiniteBits, 0, 0};
}

}  // namespace

Writer& Writer::emit(std::span<const uint8_t> head, std::span<const uint8_t> content) {
  if (error_ != Error::ok) return *this;
  const std::size_t room = out_.size() - size_;
  if (head.size() > room || content.size() > room - head.size()) {
    error_ = Error::buffer_full;
    return *this;
  }
  for (const uint8_t b : head)
    out_[size_++] = b;
  for (const uint8_t b : content)
    out_[size_++] = b;
  return *this;
}

Writer& Writer::head(uint8_t major, uint64_t argument, std::span<const uint8_t> content) {
  return emit(shortest_head(major, argument).span(), content);
}

Writer& Writer::write_uint(uint64_t value) {
  return head(kUnsigned, value);
}

Writer& Writer::write_int(int64_t value) {
  // -1 - value cannot overflow for negative value; avoids negating INT64_MIN.
  if (value < 0) return head(kNegative, static_cast<uint64_t>(-1 - value));
  return head(kUnsigned, static_cast<uint64_t>(value));
}

Writer& Writer::write_negative(uint64_t argument) {
  return head(kNegative, argument);
}

Writer& Writer::write_bytes(std::span<const uint8_t> value) {
  return head(kBytes, value.size(), value);
}

Writer& Writer::write_text(std::string_view value) {
  if (!valid_utf8(as_bytes(value))) {
    if (error_ == Error::ok) error_ = Error::invalid_utf8;
    return *this;
  }
  return head(kText, value.size(), as_bytes(value));
}

Writer& Writer::write_array(uint64_t count) {
  return head(kArray, count);
}
Writer& Writer::write_map(uint64_t pairs) {
  return head(kMap, pairs);
}
Writer& Writer::write_tag(uint64_t tag) {
  return head(kTag, tag);
}
Writer& Writer::write_bool(bool value) {
  return head(kSimple, value ? kSimpleTrue : kSimpleFalse);
}
Writer& Writer::write_null() {
  return head(kSimple, kSimpleNull);
}
Writer& Writer::write_undefined() {
  return head(kSimple, kSimpleUndefined);
}

Writer& Writer::write_simple(uint8_t value) {
  // 24..31 would collide with the float and break encodings.
  if (value >= 24 && value < 32) {
    if (error_ == Error::ok) error_ = Error::bad_simple_value;
    return *this;
  }
  return head(kSimple, value);
}

Writer& Writer::write_float(double value) {
  return emit(float_head(std::bit_cast<uint64_t>(value)).span(), {});
}

Writer& Writer::begin_bytes() {
  return emit(indefinite_head(kBytes).span(), {});
}
Writer& Writer::begin_text() {
  return emit(indefinite_head(kText).span(), {});
}
Writer& Writer::begin_array() {
  return emit(indefinite_head(kArray).span(), {});
}
Writer& Writer::begin_map() {
  return emit(indefinite_head(kMap).span(), {});
}
Writer& Writer::write_break() {
  return emit(indefinite_head(kSimple).span(), {});
}

Writer& Writer::write_bytes_header(uint64_t length) {
  return head(kBytes, length);
}
Writer& Writer::write_raw(std::span<const uint8_t> encoded) {
  return emit({}, encoded);
}

Writer& Writer::write(const Item& item) {
  const auto major = static_cast<uint8_t>(item.type);
  switch (item.type) {
    case Type::byte_string:
    case Type::text_string:
      if (item.indefinite) return emit(indefinite_head(major).span(), {});
      return head(major, item.data.size(), item.data);
    case Type::array:
    case Type::map:
      if (item.indefinite) return emit(indefinite_head(major).span(), {});
      return head(major, item.argument);
    case Type::simple:
      if (item.argument > 0xff) {
        if (error_ == Error::ok) error_ = Error::bad_simple_value;
        return *this;
      }
      return write_simple(static_cast<uint8_t>(item.argument));
    case Type::floating:
      return emit(float_head(item.argument).span(), {});
    case Type::break_code:
      return write_break();
    default:  // integers and tags
      return head(major, item.argument);
  }
}

}  // namespace tc::cbor
