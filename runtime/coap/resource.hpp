// What an application registers with the CoAP server: a Resource (path, allowed methods,
// link-format attributes) and its Handler, which turns a Request into a Response.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "coap/code.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/options.hpp"
#include "coap/payload_writer.hpp"
#include "core/status.hpp"

namespace tc::coap {

// Allowed methods as a bit set; anything else is answered 4.05 Method Not Allowed.
namespace methods {
inline constexpr uint8_t get = 1u << 0;
inline constexpr uint8_t post = 1u << 1;
inline constexpr uint8_t put = 1u << 2;
inline constexpr uint8_t del = 1u << 3;
inline constexpr uint8_t fetch = 1u << 4;
inline constexpr uint8_t patch = 1u << 5;
inline constexpr uint8_t ipatch = 1u << 6;
}  // namespace methods

// The bit of a request code (0 for codes that are not one of the seven methods).
[[nodiscard]] constexpr uint8_t method_bit(Code code) {
  const uint8_t detail = code_detail(code);
  return code_class(code) == 0 && detail >= 1 && detail <= 7
             ? static_cast<uint8_t>(1u << (detail - 1))
             : uint8_t{0};
}

using ResourceId = uint8_t;

// A handle on a deferred request, to answer it later with Server::respond (RFC 7252 5.2.2). The
// generation makes a handle of an answered or expired request harmless.
struct Ticket {
  uint8_t slot = 0;
  uint16_t generation = 0;
};

struct Request {
  const Message& message;  // options and header of the (last) request datagram
  const Endpoint& peer;
  std::span<const uint8_t> payload;  // the whole body, reassembled when it came block-wise
  ResourceId resource = 0;
  // Uri-Path segments the resource path consumed; a prefix resource reads the rest itself.
  std::size_t path_depth = 0;
  // True when the server renders a notification for an observer (no client request in flight).
  bool notification = false;

  [[nodiscard]] Code method() const { return message.code; }
};

class Response {
 public:
  static constexpr std::size_t kMaxExtraOptions = 4;
  static constexpr std::size_t kExtraOptionBytes = 64;

  Response(std::span<uint8_t> window, std::size_t window_offset, std::optional<Ticket> ticket)
      : body_(window, window_offset), ticket_(ticket) {}

  void set_code(Code code) { code_ = code; }
  void set_format(ContentFormat format) { format_ = format; }
  // The representation; see PayloadWriter for how large bodies are served block-wise.
  [[nodiscard]] PayloadWriter& body() { return body_; }
  void append(std::string_view text) { body_.append(text); }
  void append(std::span<const uint8_t> bytes) { body_.append(bytes); }

  // An extra response option (ETag, Max-Age, Location-Path, ...), copied. resource_exhausted
  // beyond kMaxExtraOptions or kExtraOptionBytes.
  Status add_option(OptionNumber number, std::span<const uint8_t> value);
  Status add_option(OptionNumber number, std::string_view value);
  Status add_uint_option(OptionNumber number, uint32_t value);

  // Answers later (separate response): the server sends an empty ACK now and the application
  // calls Server::respond with the ticket. resource_exhausted when every deferred slot is busy
  // (the handler should then answer 5.03 itself, or the server does when it returns anyway).
  // Not available while rendering a notification.
  Result<Ticket> defer();
  // True when the handler asked to defer but no slot was free: the server answers 5.03.
  [[nodiscard]] bool defer_failed() const { return defer_failed_; }

  [[nodiscard]] Code code() const { return code_; }
  [[nodiscard]] std::optional<ContentFormat> format() const { return format_; }
  [[nodiscard]] const PayloadWriter& body() const { return body_; }
  [[nodiscard]] bool deferred() const { return deferred_; }
  [[nodiscard]] std::span<const Option> extra_options() const { return {options_.data(), count_}; }

 private:
  Code code_ = Code::content;
  std::optional<ContentFormat> format_;
  PayloadWriter body_;
  std::optional<Ticket> ticket_;
  bool deferred_ = false;
  bool defer_failed_ = false;
  std::array<Option, kMaxExtraOptions> options_{};
  std::array<uint8_t, kExtraOptionBytes> option_bytes_{};
  uint8_t count_ = 0;
  uint8_t used_ = 0;
};

class Handler {
 public:
  // Fills `response` (code 2.05 by default). Must not call back into the server: the response
  // window is the server's scratch buffer (call Server::notify after handle returns).
  virtual void handle(const Request& request, Response& response) = 0;

 protected:
  ~Handler() = default;
};

// One entry of the resource tree. The strings are views: they must outlive the registration
// (literals, or names the caller keeps).
struct Resource {
  std::string_view path{};  // "/sensors/temp"
  // When true the entry also serves everything below its path ("/c/app" serves "/c/app/x/y").
  bool prefix = false;
  uint8_t allowed = methods::get;
  Handler* handler = nullptr;
  // RFC 6690 attributes for /.well-known/core.
  std::string_view rt{};
  std::string_view if_{};
  std::optional<uint16_t> ct{};  // also the only format answered when the request has Accept
  std::optional<uint32_t> sz{};
  bool observable = false;
  bool hidden = false;  // left out of /.well-known/core
  // Request Content-Formats accepted (4.15 otherwise); empty accepts any.
  std::span<const ContentFormat> accepts{};
  // Largest request body (Block1) for this resource; 0 means the server's limit.
  uint32_t max_body = 0;
};

}  // namespace tc::coap
