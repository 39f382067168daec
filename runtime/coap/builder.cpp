#include "coap/builder.hpp"

#include <algorithm>

namespace tc::coap {
namespace {

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace

MessageBuilder::MessageBuilder(Type type, Code code, uint16_t message_id,
                               std::span<uint8_t> storage)
    : storage_(storage) {
  message_.type = type;
  message_.code = code;
  message_.message_id = message_id;
}

void MessageBuilder::fail(Status status) {
  if (status_.ok()) status_ = status;
}

std::span<const uint8_t> MessageBuilder::store(std::span<const uint8_t> bytes) {
  if (storage_.size() - used_ < bytes.size()) {
    fail(Status(StatusCode::resource_exhausted, "option storage full"));
    return {};
  }
  const std::span<uint8_t> slot = storage_.subspan(used_, bytes.size());
  std::copy(bytes.begin(), bytes.end(), slot.begin());
  used_ += bytes.size();
  return slot;
}

MessageBuilder& MessageBuilder::token(std::span<const uint8_t> token) {
  if (!status_.ok()) return *this;
  const Result<Token> t = Token::from(token);
  if (t.ok()) {
    message_.token = *t;
  } else {
    fail(t.status());
  }
  return *this;
}

MessageBuilder& MessageBuilder::option(OptionNumber number, std::span<const uint8_t> value) {
  if (!status_.ok()) return *this;
  if (value.size() > kMaxOptionLength) {
    fail(Status(StatusCode::invalid_argument, "option value too long"));
    return *this;
  }
  const std::span<const uint8_t> stored = store(value);
  if (status_.ok()) fail(message_.add_option(number, stored));
  return *this;
}

MessageBuilder& MessageBuilder::option(OptionNumber number, std::string_view value) {
  return option(number, bytes_of(value));
}

MessageBuilder& MessageBuilder::empty_option(OptionNumber number) {
  return option(number, std::span<const uint8_t>{});
}

MessageBuilder& MessageBuilder::uint_option(OptionNumber number, uint32_t value) {
  uint8_t bytes[kMaxUintLength];
  const std::size_t length = encode_uint(value, bytes);
  return option(number, std::span<const uint8_t>(bytes, length));
}

MessageBuilder& MessageBuilder::block(OptionNumber number, const Block& value) {
  uint8_t bytes[kMaxBlockLength];
  const Result<std::size_t> length = encode_block(value, bytes);
  if (!length.ok()) {
    fail(length.status());
    return *this;
  }
  return option(number, std::span<const uint8_t>(bytes, *length));
}

MessageBuilder& MessageBuilder::content_format(ContentFormat format) {
  return uint_option(OptionNumber::content_format, static_cast<uint16_t>(format));
}

MessageBuilder& MessageBuilder::path(std::string_view path, OptionNumber number) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return *this;
  for (;;) {
    const std::size_t slash = path.find('/');
    option(number, path.substr(0, slash));
    if (slash == std::string_view::npos) return *this;
    path.remove_prefix(slash + 1);
  }
}

MessageBuilder& MessageBuilder::query(std::string_view query, OptionNumber number) {
  if (query.empty()) return *this;
  for (;;) {
    const std::size_t amp = query.find('&');
    option(number, query.substr(0, amp));
    if (amp == std::string_view::npos) return *this;
    query.remove_prefix(amp + 1);
  }
}

MessageBuilder& MessageBuilder::payload(std::span<const uint8_t> payload) {
  message_.payload = payload;
  return *this;
}

MessageBuilder& MessageBuilder::payload(std::string_view payload) {
  return this->payload(bytes_of(payload));
}

Result<std::size_t> MessageBuilder::serialize(std::span<uint8_t> out) const {
  if (!status_.ok()) return status_;
  return coap::serialize(message_, out);
}

}  // namespace tc::coap
