#include "events/device_report.hpp"

namespace tc::gw {

const char* method_name(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::del:
      return "DELETE";
  }
  return "?";
}

Json device_report(Method method, const std::string& path, const std::vector<std::string>& query,
                   std::optional<uint16_t> content_format, const std::vector<uint8_t>& payload) {
  Json out = {{"method", method_name(method)}, {"path", path}};
  for (const std::string& q : query) {
    if (q.rfind("c=", 0) == 0) out["container"] = q.substr(2);
  }
  out["query"] = query;
  if (content_format) out["content_format"] = *content_format;
  // Bytes a container calls CBOR (or leaves unlabelled) are shown as JSON when they decode.
  if (!content_format || *content_format == kFormatCbor) {
    if (dev::JsonResult json = dev::cbor_to_json(payload); json.value && !payload.empty()) {
      out["payload"] = std::move(*json.value);
      return out;
    }
  }
  out["payload_hex"] = dev::to_hex(payload);
  return out;
}

}  // namespace tc::gw
