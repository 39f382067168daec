#include "common/reply_json.hpp"

#include <algorithm>

namespace tc::gw {
namespace {

// Diagnostic payloads (RFC 7252 5.5.2) come without a content format: readable text.
bool printable(const std::vector<uint8_t>& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) {
    return (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t';
  });
}

}  // namespace

std::optional<Json> reply_json(const CoapReply& reply) {
  if (reply.payload.empty()) return std::nullopt;
  const uint16_t format = reply.content_format.value_or(kFormatCbor);
  if (format == kFormatCbor) {
    if (dev::JsonResult json = dev::cbor_to_json(reply.payload); json.value) return *json.value;
    if (!reply.content_format && printable(reply.payload)) {
      return Json(std::string(reply.payload.begin(), reply.payload.end()));
    }
  } else if (format == kFormatJson) {
    Json json = Json::parse(reply.payload.begin(), reply.payload.end(), nullptr, false);
    if (!json.is_discarded()) return json;
  } else if (format == 0) {
    return Json(std::string(reply.payload.begin(), reply.payload.end()));
  }
  return Json(dev::to_hex(reply.payload));
}

std::string device_error_text(const CoapReply& reply) {
  const std::optional<Json> json = reply_json(reply);
  if (!json) return {};
  if (json->is_string()) return json->get<std::string>();
  if (json->is_object()) {
    const auto it = json->find("error");
    if (it != json->end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

}  // namespace tc::gw
