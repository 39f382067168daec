// Builds an outgoing Message. Option values are copied into a caller-provided storage buffer so
// that temporaries (an encoded uint, a path split from a string) stay valid; the payload is a
// view, because the payload usually already sits in a buffer the caller owns.
//
//   uint8_t storage[64];
//   MessageBuilder b(Type::confirmable, Code::get, mid, storage);
//   b.token(tok).path("/.well-known/core").uint_option(OptionNumber::accept, 40);
//   Result<std::size_t> n = b.serialize(datagram);  // the first error, if any, surfaces here
//
// Errors are sticky: after the first failure the builder ignores further calls and status() and
// serialize() report that failure.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "coap/block.hpp"
#include "coap/message.hpp"
#include "coap/options.hpp"

namespace tc::coap {

class MessageBuilder {
 public:
  explicit MessageBuilder(std::span<uint8_t> storage) : storage_(storage) {}
  MessageBuilder(Type type, Code code, uint16_t message_id, std::span<uint8_t> storage);

  [[nodiscard]] Message& message() { return message_; }
  [[nodiscard]] const Message& message() const { return message_; }
  [[nodiscard]] Status status() const { return status_; }
  [[nodiscard]] std::size_t storage_used() const { return used_; }

  MessageBuilder& token(std::span<const uint8_t> token);
  // Copies `value` into storage.
  MessageBuilder& option(OptionNumber number, std::span<const uint8_t> value);
  MessageBuilder& option(OptionNumber number, std::string_view value);
  MessageBuilder& empty_option(OptionNumber number);
  MessageBuilder& uint_option(OptionNumber number, uint32_t value);
  MessageBuilder& block(OptionNumber number, const Block& block);
  MessageBuilder& content_format(ContentFormat format);
  // Splits "/a/b" at '/' into one option per segment (Uri-Path by default, or Location-Path).
  // Segments are raw bytes: no percent-decoding. "" and "/" add nothing.
  MessageBuilder& path(std::string_view path, OptionNumber number = OptionNumber::uri_path);
  // Splits "a=1&b" at '&' into one option per parameter (Uri-Query or Location-Query).
  MessageBuilder& query(std::string_view query, OptionNumber number = OptionNumber::uri_query);
  // A view: the bytes must outlive serialize().
  MessageBuilder& payload(std::span<const uint8_t> payload);
  MessageBuilder& payload(std::string_view payload);

  [[nodiscard]] Result<std::size_t> serialize(std::span<uint8_t> out) const;

 private:
  void fail(Status status);
  // Copies into storage and returns the stored view; empty (and fails) when storage is full.
  std::span<const uint8_t> store(std::span<const uint8_t> bytes);

  Message message_;
  std::span<uint8_t> storage_;
  std::size_t used_ = 0;
  Status status_;
};

}  // namespace tc::coap
