// CoAP message types and codes (RFC 7252 3, 5.8, 5.9, 12.1; RFC 7959 2.9; RFC 8132 for FETCH).
// A code is class.detail packed as ccc ddddd; the enum is open, any byte may arrive.
#pragma once

#include <cstdint>

namespace tc::coap {

enum class Type : uint8_t {
  confirmable = 0,
  non_confirmable = 1,
  acknowledgement = 2,
  reset = 3,
};

[[nodiscard]] constexpr uint8_t make_code(uint8_t cls, uint8_t detail) {
  return static_cast<uint8_t>((cls << 5) | (detail & 0x1f));
}

enum class Code : uint8_t {
  empty = make_code(0, 0),
  // Requests
  get = make_code(0, 1),
  post = make_code(0, 2),
  put = make_code(0, 3),
  del = make_code(0, 4),
  fetch = make_code(0, 5),
  patch = make_code(0, 6),
  ipatch = make_code(0, 7),
  // 2.xx Success
  created = make_code(2, 1),
  deleted = make_code(2, 2),
  valid = make_code(2, 3),
  changed = make_code(2, 4),
  content = make_code(2, 5),
  continue_ = make_code(2, 31),
  // 4.xx Client error
  bad_request = make_code(4, 0),
  unauthorized = make_code(4, 1),
  bad_option = make_code(4, 2),
  forbidden = make_code(4, 3),
  not_found = make_code(4, 4),
  method_not_allowed = make_code(4, 5),
  not_acceptable = make_code(4, 6),
  request_entity_incomplete = make_code(4, 8),
  precondition_failed = make_code(4, 12),
  request_entity_too_large = make_code(4, 13),
  unsupported_content_format = make_code(4, 15),
  // 5.xx Server error
  internal_server_error = make_code(5, 0),
  not_implemented = make_code(5, 1),
  bad_gateway = make_code(5, 2),
  service_unavailable = make_code(5, 3),
  gateway_timeout = make_code(5, 4),
  proxying_not_supported = make_code(5, 5),
};

[[nodiscard]] constexpr uint8_t code_class(Code c) {
  return static_cast<uint8_t>(c) >> 5;
}
[[nodiscard]] constexpr uint8_t code_detail(Code c) {
  return static_cast<uint8_t>(c) & 0x1f;
}
[[nodiscard]] constexpr Code to_code(uint8_t cls, uint8_t detail) {
  return static_cast<Code>(make_code(cls, detail));
}

[[nodiscard]] constexpr bool is_empty(Code c) {
  return c == Code::empty;
}
[[nodiscard]] constexpr bool is_request(Code c) {
  return code_class(c) == 0 && c != Code::empty;
}
[[nodiscard]] constexpr bool is_response(Code c) {
  return code_class(c) >= 2 && code_class(c) <= 5;
}
// Classes 1, 6 and 7 are reserved (RFC 7252 12.1); a receiver treats such a message as one it
// cannot process (Reset for CON, ignore otherwise).
[[nodiscard]] constexpr bool is_reserved_class(Code c) {
  return code_class(c) == 1 || code_class(c) >= 6;
}

}  // namespace tc::coap
