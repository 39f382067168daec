#include "coap/message.hpp"

#include <algorithm>

namespace tc::coap {
namespace {

bool same_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

Result<Token> Token::from(std::span<const uint8_t> bytes) {
  if (bytes.size() > kMaxTokenLength) {
    return Status(StatusCode::invalid_argument, "token longer than 8 bytes");
  }
  Token token;
  std::copy(bytes.begin(), bytes.end(), token.bytes_.begin());
  token.length_ = static_cast<uint8_t>(bytes.size());
  return token;
}

bool operator==(const Token& a, const Token& b) {
  return same_bytes(a.bytes(), b.bytes());
}

const Option* Message::find(OptionNumber number) const {
  for (const Option& option : options()) {
    if (option.number == number) return &option;
  }
  return nullptr;
}

Status Message::add_option(OptionNumber number, std::span<const uint8_t> value) {
  if (count_ == kMaxOptions) return Status(StatusCode::resource_exhausted, "too many options");
  if (value.size() > kMaxOptionLength) {
    return Status(StatusCode::invalid_argument, "option value too long");
  }
  options_[count_++] = {number, value};
  return Status::Ok();
}

bool operator==(const Message& a, const Message& b) {
  if (a.type != b.type || a.code != b.code || a.message_id != b.message_id ||
      !(a.token == b.token) || !same_bytes(a.payload, b.payload) ||
      a.options().size() != b.options().size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.options().size(); ++i) {
    const Option& x = a.options()[i];
    const Option& y = b.options()[i];
    if (x.number != y.number || !same_bytes(x.value, y.value)) return false;
  }
  return true;
}

const char* describe(ParseReason reason) {
  switch (reason) {
    case ParseReason::ok:
      return "ok";
    case ParseReason::too_short:
      return "shorter than the 4-byte CoAP header";
    case ParseReason::bad_version:
      return "unsupported CoAP version";
    case ParseReason::bad_token_length:
      return "reserved token length 9..15";
    case ParseReason::truncated_token:
      return "token runs past the end of the message";
    case ParseReason::empty_message_not_empty:
      return "empty message (0.00) carries a token, options or payload";
    case ParseReason::reserved_delta:
      return "reserved option delta 15";
    case ParseReason::reserved_length:
      return "reserved option length 15";
    case ParseReason::truncated_option:
      return "option runs past the end of the message";
    case ParseReason::option_number_too_large:
      return "option number above 65535";
    case ParseReason::empty_payload:
      return "payload marker without payload";
    case ParseReason::too_many_options:
      return "more options than the device supports";
  }
  return "unknown CoAP parse error";
}

}  // namespace tc::coap
