// How the outcome of a request to a device becomes an API error:
//   no answer        timeout -> 504 device_timeout; unreachable -> 502 device_unreachable
//   garbage          bad_response (not CoAP, broken blocks) -> 502 bad_device_answer
//   not sent         local (shutting down, out of sessions) -> 503 gateway_unavailable
//   an error answer  its CoAP code mapped to HTTP (coap_to_http_status), code = the device's
//                    "reason" when it gave one, else a token for the CoAP code; the device's
//                    payload in "device_answer" with "coap_code".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "api/api_error.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

// 4.00->400, 4.01->403, 4.02->400, 4.03->403, 4.04->404, 4.05->405, 4.06->406, 4.08->400,
// 4.12->409, 4.13->413, 4.15->415, 5.00->502, 5.01->501, 5.02->502, 5.03->503, 5.04->504,
// 5.05->502; other 4.xx -> 400, other 5.xx -> 502; 2.xx -> 200 (2.01 -> 201).
[[nodiscard]] int coap_to_http_status(uint8_t code);

// A failed exchange (outcome.ok() is false).
[[nodiscard]] ApiError device_failure(const CoapOutcome& outcome);
// A 4.xx/5.xx answer. `not_found_code` names what a 4.04 means here ("container_not_found").
[[nodiscard]] ApiError device_refusal(const CoapReply& reply, std::string_view not_found_code);
// The same from a code and the answer's payload as JSON (a finished command keeps these).
[[nodiscard]] ApiError device_refusal(uint8_t code, const std::optional<Json>& payload,
                                      std::string_view not_found_code);

// "4.12" -> 0x8c; empty for anything else.
[[nodiscard]] std::optional<uint8_t> parse_coap_code(std::string_view text);

}  // namespace tc::gw
