// CoAP option numbers, their properties and the uint option codec (RFC 7252 sections 3.2, 5.4,
// 5.10; RFC 7641; RFC 7959; RFC 8613 not supported).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::coap {

// The registered option numbers the device understands. The enum is open: any 16-bit number may
// appear in a parsed message; the predicates below work on unknown numbers too.
enum class OptionNumber : uint16_t {
  if_match = 1,
  uri_host = 3,
  etag = 4,
  if_none_match = 5,
  observe = 6,
  uri_port = 7,
  location_path = 8,
  uri_path = 11,
  content_format = 12,
  max_age = 14,
  uri_query = 15,
  accept = 17,
  location_query = 20,
  block2 = 23,
  block1 = 27,
  size2 = 28,
  proxy_uri = 35,
  proxy_scheme = 39,
  size1 = 60,
};

[[nodiscard]] constexpr uint16_t to_u16(OptionNumber n) {
  return static_cast<uint16_t>(n);
}

// RFC 7252 5.4.6: the properties are encoded in the number itself.
[[nodiscard]] constexpr bool is_critical(OptionNumber n) {
  return (to_u16(n) & 0x01) != 0;
}
[[nodiscard]] constexpr bool is_unsafe(OptionNumber n) {
  return (to_u16(n) & 0x02) != 0;
}
[[nodiscard]] constexpr bool is_no_cache_key(OptionNumber n) {
  return (to_u16(n) & 0x1e) == 0x1c;
}

// Content-Format identifiers (RFC 7252 12.3 and the IANA registry) the device uses.
enum class ContentFormat : uint16_t {
  text_plain = 0,
  link_format = 40,
  xml = 41,
  octet_stream = 42,
  exi = 47,
  json = 50,
  cbor = 60,
};

// The value format of an option (RFC 7252 3.2).
enum class OptionFormat : uint8_t { empty, opaque, uint, string };

// What RFC 7252 5.10 (and RFC 7641 / 7959) say about one registered option.
struct OptionSpec {
  OptionNumber number;
  OptionFormat format;
  uint16_t min_length;
  uint16_t max_length;
  bool repeatable;
};

// The specification of a registered option, or nullptr for a number this device does not know.
// The server layer uses it to answer 4.02 Bad Option for an unknown or malformed critical option.
[[nodiscard]] const OptionSpec* find_spec(OptionNumber number);

// True when `length` is inside the registered range of `spec`.
[[nodiscard]] constexpr bool length_ok(const OptionSpec& spec, std::size_t length) {
  return length >= spec.min_length && length <= spec.max_length;
}

// ---------------------------------------------------------------------------------------------
// uint options: big-endian, no leading zero bytes when sent, 0 is the empty value.

inline constexpr std::size_t kMaxUintLength = 4;

// Writes the minimal encoding of `value` (0..4 bytes) and returns its length.
[[nodiscard]] std::size_t encode_uint(uint32_t value, std::span<uint8_t, kMaxUintLength> out);

// Decodes a uint option value. Leading zero bytes are accepted (RFC 7252 3.2 requires it); more
// than `max_length` bytes (at most 4) is invalid_argument.
[[nodiscard]] Result<uint32_t> decode_uint(std::span<const uint8_t> value,
                                           std::size_t max_length = kMaxUintLength);

}  // namespace tc::coap
