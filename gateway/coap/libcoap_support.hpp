// The small pieces every libcoap-facing file of the gateway shares: RAII owners for libcoap
// objects, reading a PDU's options and body into plain C++ values, and addresses. Only the files
// of gateway/coap include libcoap; nothing here is thread-safe (libcoap 4.3.1 is not): use it on
// the CoAP thread only.
#pragma once

#include <coap3/coap.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coap/ip_endpoint.hpp"

namespace tc::gw {

struct ContextDeleter {
  void operator()(coap_context_t* context) const { coap_free_context(context); }
};
using ContextHandle = std::unique_ptr<coap_context_t, ContextDeleter>;

struct PduDeleter {
  void operator()(coap_pdu_t* pdu) const { coap_delete_pdu(pdu); }
};
// Owned until coap_send() takes it (release() at that point).
using PduHandle = std::unique_ptr<coap_pdu_t, PduDeleter>;

// libcoap's process-wide start-up, once.
void start_libcoap();

// The options of a PDU that the gateway looks at. `malformed` names the first option whose
// value cannot be right (a Content-Format longer than two bytes).
struct PduOptions {
  std::vector<std::string> path;
  std::vector<std::string> query;
  std::vector<std::string> location_path;
  std::optional<uint16_t> content_format;
  bool observe = false;
  bool block2_more = false;  // a Block2 option with M set: the body is not complete
  std::string malformed;
};
[[nodiscard]] PduOptions read_options(const coap_pdu_t* pdu);

// The body, reassembled by libcoap (COAP_BLOCK_SINGLE_BODY). `complete` is false when libcoap
// handed over only a part of a larger body.
struct PduBody {
  std::span<const uint8_t> bytes;
  bool complete = true;
};
[[nodiscard]] PduBody read_body(const coap_pdu_t* pdu);

[[nodiscard]] std::string token_of(const coap_pdu_t* pdu);

[[nodiscard]] coap_address_t to_coap_address(const IpEndpoint& endpoint);
[[nodiscard]] std::optional<IpEndpoint> remote_of(const coap_session_t* session);

// Adds Uri-Path options for "/a/b/c" (empty segments skipped); false when a segment is longer
// than 255 bytes or libcoap refuses.
[[nodiscard]] bool add_path(coap_pdu_t* pdu, std::string_view path, uint16_t option);
[[nodiscard]] bool add_string_option(coap_pdu_t* pdu, uint16_t option, std::string_view value);
[[nodiscard]] bool add_uint_option(coap_pdu_t* pdu, uint16_t option, uint32_t value);

// An answer with a text diagnostic (Content-Format 0), for error responses.
void set_text_answer(coap_pdu_t* response, uint8_t code, std::string_view text);

}  // namespace tc::gw
