// A device's CoAP answer payload as JSON, for command results and error bodies: CBOR (content
// format 60, or none) decoded, JSON (50) parsed, text (0, or printable bytes without a format:
// a diagnostic payload) as a string, anything else as hex.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

// Empty for an empty payload.
[[nodiscard]] std::optional<Json> reply_json(const CoapReply& reply);

// The "error" text of a device's error answer ({"error": text, "reason": token}), or empty.
[[nodiscard]] std::string device_error_text(const CoapReply& reply);

}  // namespace tc::gw
