// A CoAP message (RFC 7252 3) and its wire codec.
//
//   0                   1                   2                   3
//   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//  |Ver| T |  TKL  |      Code     |          Message ID           |
//  |   Token (if any, TKL bytes) ...
//  |   Options (if any) ...
//  |1 1 1 1 1 1 1 1|    Payload (if any) ...
//
// A parsed Message is a set of views into the datagram (option values, payload); only the token is
// copied. The datagram must outlive the Message. Nothing here allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "coap/code.hpp"
#include "coap/options.hpp"
#include "core/status.hpp"

namespace tc::coap {

inline constexpr uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 4;
inline constexpr std::size_t kMaxTokenLength = 8;
inline constexpr uint8_t kPayloadMarker = 0xFF;
// How many options one message may carry. A request with more is refused as a whole rather than
// truncated, because a dropped critical option would change its meaning.
inline constexpr std::size_t kMaxOptions = 16;
// The largest value the option length encoding can express: 14 → 269 + 0xFFFF.
inline constexpr std::size_t kMaxOptionLength = 269 + 0xFFFF;

// 0..8 opaque bytes, stored inline so a Message never points at a token elsewhere.
class Token {
 public:
  constexpr Token() = default;

  // invalid_argument when longer than 8 bytes.
  [[nodiscard]] static Result<Token> from(std::span<const uint8_t> bytes);

  [[nodiscard]] std::span<const uint8_t> bytes() const { return {bytes_.data(), length_}; }
  [[nodiscard]] std::size_t size() const { return length_; }
  [[nodiscard]] bool empty() const { return length_ == 0; }

  friend bool operator==(const Token&, const Token&);

 private:
  std::array<uint8_t, kMaxTokenLength> bytes_{};
  uint8_t length_ = 0;
};

struct Option {
  OptionNumber number{};
  std::span<const uint8_t> value;

  // The value as text (string options: Uri-Path, Uri-Query, ...). Not validated as UTF-8.
  [[nodiscard]] std::string_view text() const {
    return {reinterpret_cast<const char*>(value.data()), value.size()};
  }
};

// The options with one number, in message order (a repeated option's order is significant).
class OptionRange {
 public:
  class Iterator {
   public:
    Iterator(const Option* at, const Option* end, OptionNumber number)
        : at_(at), end_(end), number_(number) {
      skip();
    }
    const Option& operator*() const { return *at_; }
    const Option* operator->() const { return at_; }
    Iterator& operator++() {
      ++at_;
      skip();
      return *this;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    void skip() {
      while (at_ != end_ && at_->number != number_)
        ++at_;
    }
    const Option* at_;
    const Option* end_;
    OptionNumber number_;
  };

  OptionRange(std::span<const Option> all, OptionNumber number) : all_(all), number_(number) {}
  [[nodiscard]] Iterator begin() const { return {all_.data(), end_ptr(), number_}; }
  [[nodiscard]] Iterator end() const { return {end_ptr(), end_ptr(), number_}; }

 private:
  [[nodiscard]] const Option* end_ptr() const { return all_.data() + all_.size(); }
  std::span<const Option> all_;
  OptionNumber number_;
};

class Message {
 public:
  Type type = Type::confirmable;
  Code code = Code::empty;
  uint16_t message_id = 0;
  Token token;
  std::span<const uint8_t> payload;

  // All options. After parse() they are in ascending number order; after add_option() in the
  // order added (serialize() sorts).
  [[nodiscard]] std::span<const Option> options() const { return {options_.data(), count_}; }
  [[nodiscard]] OptionRange all(OptionNumber number) const { return {options(), number}; }
  // The first option with this number, or nullptr.
  [[nodiscard]] const Option* find(OptionNumber number) const;
  [[nodiscard]] bool has(OptionNumber number) const { return find(number) != nullptr; }

  // Appends a view of `value` (not copied). resource_exhausted when kMaxOptions are held,
  // invalid_argument when the value is longer than kMaxOptionLength.
  [[nodiscard]] Status add_option(OptionNumber number, std::span<const uint8_t> value);
  void clear_options() { count_ = 0; }

  // Same header, token, options (number and value bytes, in order) and payload bytes.
  friend bool operator==(const Message&, const Message&);

 private:
  std::array<Option, kMaxOptions> options_{};
  uint8_t count_ = 0;
};

// Why a datagram is not a CoAP message. All but too_short and bad_version are "message format
// errors" (RFC 7252 4.2, 4.3): the receiver rejects a CON with Reset and ignores the rest.
enum class ParseReason : uint8_t {
  ok = 0,
  too_short,                // fewer than 4 bytes
  bad_version,              // Ver != 1: silently ignore (RFC 7252 3)
  bad_token_length,         // TKL 9..15
  truncated_token,          // fewer bytes than TKL
  empty_message_not_empty,  // code 0.00 with a token, options or payload (RFC 7252 4.1)
  reserved_delta,           // option delta nibble 15 in a byte that is not the payload marker
  reserved_length,          // option length nibble 15
  truncated_option,         // extended delta/length or value runs past the end
  option_number_too_large,  // the running option number exceeds 65535
  empty_payload,            // payload marker followed by nothing
  too_many_options,         // more than kMaxOptions (a device limit, not a format error)
};

[[nodiscard]] const char* describe(ParseReason reason);

// True for the reasons RFC 7252 calls message format errors (answer a CON with Reset).
[[nodiscard]] constexpr bool is_format_error(ParseReason reason) {
  return reason != ParseReason::ok && reason != ParseReason::too_short &&
         reason != ParseReason::bad_version && reason != ParseReason::too_many_options;
}

// Parses a datagram. On failure `out` still holds the header fields (type, code, message id)
// whenever the 4-byte header was present and had version 1, so that the caller can send a Reset
// (and, for too_many_options, a response) that matches the message id; the token is set when it
// was complete. Options and payload are left empty on failure.
ParseReason parse(std::span<const uint8_t> datagram, Message& out);

// Encodes `message`: options sorted by number (stable, so repeated options keep their order),
// delta-encoded with the 13/14 extensions. out_of_range when `out` is too small (nothing useful is
// left in `out`); invalid_argument for an empty message (0.00) with a token, options or payload.
[[nodiscard]] Result<std::size_t> serialize(const Message& message, std::span<uint8_t> out);

// The exact number of bytes serialize() would write, or its error.
[[nodiscard]] Result<std::size_t> serialized_size(const Message& message);

// An empty message (an ACK or a Reset of `message_id`, a CoAP ping): the header alone, which
// cannot fail to encode.
[[nodiscard]] std::array<uint8_t, kHeaderSize> empty_message(Type type, uint16_t message_id);

}  // namespace tc::coap
