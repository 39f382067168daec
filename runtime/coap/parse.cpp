// parse(): bounded decoding of one datagram into a Message of views.
#include "coap/message.hpp"

namespace tc::coap {
namespace {

// Reads the value behind a delta or length nibble (0..14; the caller has rejected 15): 13 adds
// one extension byte (+13), 14 adds two (+269). False when the extension runs past the end.
bool read_extended(std::span<const uint8_t> bytes, std::size_t& at, uint8_t nibble,
                   uint32_t& value) {
  if (nibble < 13) {
    value = nibble;
    return true;
  }
  const std::size_t extra = nibble == 13 ? 1 : 2;
  if (bytes.size() - at < extra) return false;
  value = nibble == 13 ? 13u + bytes[at] : 269u + ((uint32_t{bytes[at]} << 8) | bytes[at + 1]);
  at += extra;
  return true;
}

ParseReason parse_header(std::span<const uint8_t> bytes, Message& out, std::size_t& at) {
  if (bytes.size() < kHeaderSize) return ParseReason::too_short;
  if ((bytes[0] >> 6) != kVersion) return ParseReason::bad_version;
  out.type = static_cast<Type>((bytes[0] >> 4) & 0x3);
  out.code = static_cast<Code>(bytes[1]);
  out.message_id = static_cast<uint16_t>((bytes[2] << 8) | bytes[3]);
  const std::size_t token_length = bytes[0] & 0x0f;
  if (token_length > kMaxTokenLength) return ParseReason::bad_token_length;
  // RFC 7252 4.1: an empty message is exactly the 4-byte header with TKL 0.
  if (out.code == Code::empty && (token_length != 0 || bytes.size() != kHeaderSize)) {
    return ParseReason::empty_message_not_empty;
  }
  if (bytes.size() - kHeaderSize < token_length) return ParseReason::truncated_token;
  out.token = *Token::from(bytes.subspan(kHeaderSize, token_length));  // length checked above
  at = kHeaderSize + token_length;
  return ParseReason::ok;
}

// One option starting at `at` (which is not the payload marker); advances `at` past it.
ParseReason parse_option(std::span<const uint8_t> bytes, std::size_t& at, uint32_t& number,
                         Message& out) {
  const uint8_t delta_nibble = bytes[at] >> 4;
  const uint8_t length_nibble = bytes[at] & 0x0f;
  if (delta_nibble == 15) return ParseReason::reserved_delta;
  if (length_nibble == 15) return ParseReason::reserved_length;
  ++at;
  uint32_t delta = 0;
  uint32_t length = 0;
  if (!read_extended(bytes, at, delta_nibble, delta) ||
      !read_extended(bytes, at, length_nibble, length) || bytes.size() - at < length) {
    return ParseReason::truncated_option;
  }
  number += delta;
  if (number > 0xFFFF) return ParseReason::option_number_too_large;
  const Status added = out.add_option(static_cast<OptionNumber>(number), bytes.subspan(at, length));
  if (!added.ok()) return ParseReason::too_many_options;
  at += length;
  return ParseReason::ok;
}

ParseReason parse_body(std::span<const uint8_t> bytes, std::size_t at, Message& out) {
  uint32_t number = 0;
  while (at < bytes.size() && bytes[at] != kPayloadMarker) {
    const ParseReason reason = parse_option(bytes, at, number, out);
    if (reason != ParseReason::ok) return reason;
  }
  if (at == bytes.size()) return ParseReason::ok;
  ++at;  // the payload marker
  if (at == bytes.size()) return ParseReason::empty_payload;
  out.payload = bytes.subspan(at);
  return ParseReason::ok;
}

}  // namespace

ParseReason parse(std::span<const uint8_t> datagram, Message& out) {
  out = Message{};
  std::size_t at = 0;
  ParseReason reason = parse_header(datagram, out, at);
  if (reason == ParseReason::ok) reason = parse_body(datagram, at, out);
  if (reason != ParseReason::ok) {
    out.clear_options();
    out.payload = {};
  }
  return reason;
}

}  // namespace tc::coap
