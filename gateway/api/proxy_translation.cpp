#include "api/proxy_translation.hpp"

#include "api/api_error.hpp"
#include "api/device_errors.hpp"
#include "api/request_parsing.hpp"
#include "common/json.hpp"

namespace tc::gw {
namespace {

constexpr uint16_t kFormatText = 0;

std::optional<Method> coap_method(std::string_view method) {
  if (method == "GET") return Method::get;
  if (method == "POST") return Method::post;
  if (method == "PUT") return Method::put;
  if (method == "DELETE") return Method::del;
  return std::nullopt;
}

std::vector<uint8_t> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

// Content format and payload for a request body.
void translate_body(const ProxyInput& input, CoapRequest& r) {
  if (input.body.empty()) return;
  const std::string type = media_type(input.content_type);
  if (type == "application/json") {
    dev::CborResult cbor = dev::json_to_cbor(json_body(input.content_type, input.body, false));
    if (!cbor.value)
      throw ApiError(400, "bad_body", "the JSON body has no CBOR form: " + cbor.error);
    r.content_format = kFormatCbor;
    r.payload = std::move(*cbor.value);
    return;
  }
  if (type == "application/cbor") {
    r.content_format = kFormatCbor;
  } else if (type == "text/plain") {
    r.content_format = kFormatText;
  } else if (type == "application/octet-stream") {
    r.content_format = kFormatOctets;
  } else if (type == "application/link-format") {
    r.content_format = kFormatLinkFormat;
  } else {
    throw ApiError(415, "unsupported_media_type",
                   "proxied bodies are application/json, application/cbor, text/plain, "
                   "application/octet-stream or application/link-format, not '" +
                       std::string(input.content_type.substr(0, 60)) + "'");
  }
  r.payload = bytes_of(input.body);
}

const char* media_type_of(uint16_t format) {
  switch (format) {
    case kFormatText:
      return "text/plain; charset=utf-8";
    case kFormatLinkFormat:
      return "application/link-format";
    case kFormatOctets:
      return "application/octet-stream";
    case kFormatJson:
      return "application/json";
    case kFormatCbor:
      return "application/cbor";
    default:
      return nullptr;
  }
}

}  // namespace

CoapRequest proxy_request(const ProxyInput& input, std::chrono::milliseconds timeout) {
  const std::optional<Method> method = coap_method(input.method);
  if (!method) {
    throw ApiError(405, "method_not_allowed",
                   "the proxy forwards GET, POST, PUT and DELETE, not " +
                       std::string(input.method.substr(0, 16)));
  }
  check_container_name(input.container);
  if (input.path.empty()) throw ApiError(404, "not_found", "the export path is missing");
  CoapRequest r;
  r.method = *method;
  r.path.append("/c/").append(input.container).append("/x/").append(input.path);
  for (const auto& [key, value] : input.query) {
    std::string option = key;
    if (!value.empty()) option.append("=").append(value);
    r.query.push_back(std::move(option));
  }
  r.timeout = timeout;
  translate_body(input, r);
  return r;
}

ProxyAnswer proxy_answer(const CoapReply& reply, bool raw_cbor) {
  if (!reply.success()) throw device_refusal(reply, "not_found");
  ProxyAnswer answer;
  answer.coap_code = reply.code_text();
  answer.status = coap_to_http_status(reply.code);
  if (reply.payload.empty()) {
    if (answer.status == 200) answer.status = 204;
    return answer;
  }
  const uint16_t format = reply.content_format.value_or(kFormatOctets);
  if (format == kFormatCbor && !raw_cbor) {
    dev::JsonResult json = dev::cbor_to_json(reply.payload);
    if (!json.value) {
      throw ApiError(502, "bad_device_answer",
                     "the device's CBOR answer does not decode: " + json.error);
    }
    answer.content_type = "application/json";
    answer.body = json_text(*json.value);
    return answer;
  }
  if (format == kFormatJson && !Json::accept(reply.payload.begin(), reply.payload.end())) {
    throw ApiError(502, "bad_device_answer", "the device's JSON answer does not parse");
  }
  const char* type = media_type_of(format);
  if (type == nullptr) answer.unknown_format = format;
  answer.content_type = type ? type : "application/octet-stream";
  answer.body.assign(reply.payload.begin(), reply.payload.end());
  return answer;
}

}  // namespace tc::gw
