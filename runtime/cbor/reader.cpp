#include "cbor/reader.hpp"

#include "cbor/float_bits.hpp"
#include "cbor/utf8.hpp"

namespace tc::cbor {
namespace {

constexpr uint8_t kAdditionalIndefinite = 31;

uint64_t read_big_endian(const uint8_t* p, std::size_t n) {
  uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v = (v << 8) | p[i];
  return v;
}

// Whether an argument of additional information 24..27 could have used a shorter head.
bool shortest_argument(uint8_t additional, uint64_t argument) {
  switch (additional) {
    case 24:
      return argument >= 24;
    case 25:
      return argument > 0xff;
    case 26:
      return argument > 0xffff;
    case 27:
      return argument > 0xffffffff;
    default:
      return true;
  }
}

// Major type 7: simple values, floats and break. The argument is already read.
Error decode_major7(uint8_t additional, Item& item) {
  uint32_t narrow_bits = 0;
  switch (additional) {
    case 24:
      if (item.argument < 32) return Error::bad_simple_value;
      item.type = Type::simple;
      item.preferred = true;  // each simple value has exactly one encoding
      return Error::ok;
    case 25:
      item.type = Type::floating;
      item.float_width = 16;
      item.argument = widen(static_cast<uint32_t>(item.argument), kBinary16);
      item.preferred = true;
      return Error::ok;
    case 26:
      item.type = Type::floating;
      item.float_width = 32;
      item.argument = widen(static_cast<uint32_t>(item.argument), kBinary32);
      item.preferred = !narrow(item.argument, kBinary16, narrow_bits);
      return Error::ok;
    case 27:
      item.type = Type::floating;
      item.float_width = 64;
      item.preferred = !narrow(item.argument, kBinary32, narrow_bits);
      return Error::ok;
    case kAdditionalIndefinite:
      item.type = Type::break_code;
      return Error::ok;
    default:
      item.type = Type::simple;
      return Error::ok;
  }
}

// The argument may claim more than the input holds; refusing that here keeps every later count
// bounded by the input size.
Error decode_body(std::span<const uint8_t> input, std::size_t& end, Item& item) {
  const std::size_t left = input.size() - end;
  switch (item.type) {
    case Type::byte_string:
    case Type::text_string:
      if (item.indefinite) return Error::ok;
      if (item.argument > left) return Error::truncated;
      item.data = input.subspan(end, static_cast<std::size_t>(item.argument));
      end += item.data.size();
      if (item.type == Type::text_string && !valid_utf8(item.data)) return Error::invalid_utf8;
      return Error::ok;
    case Type::array:
    case Type::map:
      // Not left / 2 for maps: RFC 8949 appendix F files "a1 ff" under a misplaced break.
      if (!item.indefinite && item.argument > left) return Error::truncated;
      return Error::ok;
    default:
      return Error::ok;
  }
}

Error decode_item(std::span<const uint8_t> input, std::size_t offset, Item& item,
                  std::size_t& end) {
  item = {};
  if (offset >= input.size()) return Error::truncated;
  const uint8_t initial = input[offset];
  const uint8_t major = initial >> 5;
  const uint8_t additional = initial & 0x1f;
  end = offset + 1;
  item.type = static_cast<Type>(major);
  if (additional < 24) {
    item.argument = additional;
  } else if (additional < 28) {
    const std::size_t n = std::size_t{1} << (additional - 24);
    if (input.size() - end < n) return Error::truncated;
    item.argument = read_big_endian(input.data() + end, n);
    item.preferred = shortest_argument(additional, item.argument);
    end += n;
  } else if (additional < kAdditionalIndefinite) {
    return Error::reserved_additional_info;
  } else if (major == 0 || major == 1 || major == 6) {
    return Error::bad_indefinite;
  } else {
    item.indefinite = major != 7;
  }
  if (major == 7) return decode_major7(additional, item);
  return decode_body(input, end, item);
}

bool opens_frame(const Item& item) {
  switch (item.type) {
    case Type::array:
    case Type::map:
      return item.indefinite || item.argument != 0;
    case Type::tag:
      return true;
    case Type::byte_string:
    case Type::text_string:
      return item.indefinite;
    default:
      return false;
  }
}

// Acceptance tests of the typed reads.
template <Type type>
Error is(const Item& item) {
  return item.type == type ? Error::ok : Error::wrong_type;
}

template <Type type>
Error is_definite(const Item& item) {
  return item.type == type && !item.indefinite ? Error::ok : Error::wrong_type;
}

Error fits_int64(const Item& item) {
  if (item.type != Type::unsigned_int && item.type != Type::negative_int) return Error::wrong_type;
  return item.argument <= static_cast<uint64_t>(INT64_MAX) ? Error::ok : Error::integer_overflow;
}

Error is_bool(const Item& item) {
  return item.is_simple(kSimpleFalse) || item.is_simple(kSimpleTrue) ? Error::ok
                                                                     : Error::wrong_type;
}

Error is_null(const Item& item) {
  return item.is_simple(kSimpleNull) ? Error::ok : Error::wrong_type;
}

}  // namespace

Error Reader::decode(Item& item, std::size_t& end) const {
  if (error_ != Error::ok) return error_;
  if (offset_ == input_.size()) return depth_ == 0 ? Error::end_of_input : Error::truncated;
  const Error e = decode_item(input_, offset_, item, end);
  if (e != Error::ok) return e;
  return check_context(item);
}

Error Reader::check_context(const Item& item) const {
  if (opens_frame(item) && depth_ == kMaxDepth) return Error::nesting_too_deep;
  if (depth_ == 0) return item.type == Type::break_code ? Error::unexpected_break : Error::ok;
  const Frame& top = frames_[depth_ - 1];
  const bool in_string = top.type == Type::byte_string || top.type == Type::text_string;
  if (item.type == Type::break_code) {
    if (!top.indefinite) return Error::unexpected_break;  // definite container or tag
    if (top.type == Type::map && top.count % 2 != 0) return Error::unexpected_break;
    return Error::ok;
  }
  // RFC 8949 3.2.3: chunks are definite-length strings of the same major type.
  if (in_string && (item.type != top.type || item.indefinite)) return Error::bad_indefinite;
  return Error::ok;
}

void Reader::commit(const Item& item, std::size_t end) {
  offset_ = end;
  if (item.type == Type::break_code) {
    --depth_;
    complete_item();
    return;
  }
  if (!opens_frame(item)) {
    complete_item();
    return;
  }
  Frame& f = frames_[depth_++];
  f.type = item.type;
  f.indefinite = item.indefinite;
  if (item.indefinite) {
    f.count = 0;
  } else if (item.type == Type::tag) {
    f.count = 1;
  } else {
    // decode_body bounded the count by the input size (at most PTRDIFF_MAX), so neither the cast
    // nor the doubling overflows.
    f.count = static_cast<std::size_t>(item.argument) * (item.type == Type::map ? 2 : 1);
  }
}

// An item just ended: count it in its container, and close every definite container (or tag)
// that this was the last item of, outward.
void Reader::complete_item() {
  while (depth_ > 0) {
    Frame& top = frames_[depth_ - 1];
    if (top.indefinite) {
      ++top.count;
      return;
    }
    if (--top.count != 0) return;
    --depth_;
  }
}

Error Reader::next(Item& item) {
  std::size_t end = offset_;
  const Error e = decode(item, end);
  if (e == Error::ok) {
    commit(item, end);
  } else if (e != Error::end_of_input) {
    error_ = e;
  }
  return e;
}

Error Reader::peek(Item& item) const {
  std::size_t end = offset_;
  return decode(item, end);
}

Error Reader::read_checked(Check check, Item& item) {
  std::size_t end = offset_;
  Error e = decode(item, end);
  if (e == Error::ok) {
    e = check(item);
    if (e == Error::ok) commit(item, end);
  } else if (e != Error::end_of_input) {
    error_ = e;
  }
  return e;
}

Error Reader::read_uint(uint64_t& value) {
  Item item;
  const Error e = read_checked(is<Type::unsigned_int>, item);
  if (e == Error::ok) value = item.argument;
  return e;
}

Error Reader::read_int(int64_t& value) {
  Item item;
  const Error e = read_checked(fits_int64, item);
  if (e != Error::ok) return e;
  const auto magnitude = static_cast<int64_t>(item.argument);
  value = item.type == Type::unsigned_int ? magnitude : -1 - magnitude;
  return Error::ok;
}

Error Reader::read_bytes(std::span<const uint8_t>& value) {
  Item item;
  const Error e = read_checked(is_definite<Type::byte_string>, item);
  if (e == Error::ok) value = item.data;
  return e;
}

Error Reader::read_text(std::string_view& value) {
  Item item;
  const Error e = read_checked(is_definite<Type::text_string>, item);
  if (e == Error::ok) value = item.text();
  return e;
}

Error Reader::read_bool(bool& value) {
  Item item;
  const Error e = read_checked(is_bool, item);
  if (e == Error::ok) value = item.argument == kSimpleTrue;
  return e;
}

Error Reader::read_null() {
  Item item;
  return read_checked(is_null, item);
}

Error Reader::read_float(double& value) {
  Item item;
  const Error e = read_checked(is<Type::floating>, item);
  if (e == Error::ok) value = item.float_value();
  return e;
}

Error Reader::read_tag(uint64_t& tag) {
  Item item;
  const Error e = read_checked(is<Type::tag>, item);
  if (e == Error::ok) tag = item.argument;
  return e;
}

Error Reader::read_array_header(uint64_t& count) {
  Item item;
  const Error e = read_checked(is<Type::array>, item);
  if (e == Error::ok) count = item.indefinite ? kIndefinite : item.argument;
  return e;
}

Error Reader::read_map_header(uint64_t& pairs) {
  Item item;
  const Error e = read_checked(is<Type::map>, item);
  if (e == Error::ok) pairs = item.indefinite ? kIndefinite : item.argument;
  return e;
}

Error Reader::read_break() {
  Item item;
  return read_checked(is<Type::break_code>, item);
}

bool Reader::at_break() const {
  Item item;
  return peek(item) == Error::ok && item.type == Type::break_code;
}

Error Reader::skip() {
  if (at_break()) return Error::wrong_type;  // a break ends an item; it is not one
  const std::size_t start = depth_;
  Item item;
  do {
    const Error e = next(item);
    if (e != Error::ok) return e;
  } while (depth_ > start);
  return Error::ok;
}

Error Reader::read_raw(std::span<const uint8_t>& encoded) {
  const std::size_t start = offset_;
  const Error e = skip();
  if (e == Error::ok) encoded = input_.subspan(start, offset_ - start);
  return e;
}

Error Reader::finish() const {
  if (error_ != Error::ok) return error_;
  if (depth_ != 0) return Error::truncated;
  return offset_ == input_.size() ? Error::ok : Error::trailing_bytes;
}

}  // namespace tc::cbor
