#include "api/device_errors.hpp"

#include <array>
#include <utility>

#include "common/reply_json.hpp"

namespace tc::gw {
namespace {

constexpr uint8_t coap(unsigned cls, unsigned detail) {
  return static_cast<uint8_t>(cls << 5 | detail);
}

struct CoapMapping {
  uint8_t code;
  int status;
  std::string_view token;
};

constexpr std::array<CoapMapping, 16> kMappings = {{
    {coap(4, 0), 400, "bad_request"},
    {coap(4, 1), 403, "unauthorized"},
    {coap(4, 2), 400, "bad_option"},
    {coap(4, 3), 403, "forbidden"},
    {coap(4, 4), 404, "not_found"},
    {coap(4, 5), 405, "method_not_allowed"},
    {coap(4, 6), 406, "not_acceptable"},
    {coap(4, 8), 400, "request_incomplete"},
    {coap(4, 12), 409, "precondition_failed"},
    {coap(4, 13), 413, "too_large"},
    {coap(4, 15), 415, "unsupported_content_format"},
    {coap(5, 0), 502, "device_internal_error"},
    {coap(5, 1), 501, "not_implemented"},
    {coap(5, 2), 502, "bad_gateway"},
    {coap(5, 3), 503, "service_unavailable"},
    {coap(5, 4), 504, "gateway_timeout"},
}};

const CoapMapping* mapping(uint8_t code) {
  for (const CoapMapping& m : kMappings)
    if (m.code == code) return &m;
  return nullptr;
}

}  // namespace

int coap_to_http_status(uint8_t code) {
  if (const CoapMapping* m = mapping(code)) return m->status;
  switch (code >> 5) {
    case 2:
      return code == coap(2, 1) ? 201 : 200;
    case 4:
      return 400;
    default:
      return 502;
  }
}

ApiError device_failure(const CoapOutcome& outcome) {
  switch (outcome.failure) {
    case CoapFailure::timeout:
      return {504, "device_timeout", "the device did not answer in time: " + outcome.message};
    case CoapFailure::unreachable:
      return {502, "device_unreachable", "the device is unreachable: " + outcome.message};
    case CoapFailure::bad_response:
      return {502, "bad_device_answer", "the device's answer is not valid: " + outcome.message};
    case CoapFailure::local:
    case CoapFailure::none:
      break;
  }
  return {503, "gateway_unavailable", "the gateway could not send the request: " + outcome.message};
}

ApiError device_refusal(const CoapReply& reply, std::string_view not_found_code) {
  return device_refusal(reply.code, reply_json(reply), not_found_code);
}

ApiError device_refusal(uint8_t code, const std::optional<Json>& payload,
                        std::string_view not_found_code) {
  CoapReply shown;
  shown.code = code;
  const std::string coap_code = shown.code_text();
  Json answer = {{"coap_code", coap_code}};
  std::string token;
  std::string text;
  if (payload && payload->is_object()) {
    answer.update(*payload);
    if (const auto r = payload->find("reason"); r != payload->end() && r->is_string()) {
      token = r->get<std::string>();
    }
    if (const auto e = payload->find("error"); e != payload->end() && e->is_string()) {
      text = e->get<std::string>();
    }
  } else if (payload) {
    answer["payload"] = *payload;
    if (payload->is_string()) text = payload->get<std::string>();
  }
  if (token.empty()) {
    const CoapMapping* m = mapping(code);
    token = code == coap(4, 4) ? std::string(not_found_code)
                               : std::string(m ? m->token : "device_error");
  }
  return {coap_to_http_status(code),
          std::move(token),
          "the device answered " + coap_code + (text.empty() ? "" : ": " + text),
          {{"device_answer", std::move(answer)}}};
}

std::optional<uint8_t> parse_coap_code(std::string_view text) {
  // "C.DD": a class digit, a dot, two detail digits.
  if (text.size() != 4 || text[1] != '.') return std::nullopt;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(text[0]) || !digit(text[2]) || !digit(text[3])) return std::nullopt;
  const int cls = text[0] - '0';
  const int detail = (text[2] - '0') * 10 + (text[3] - '0');
  if (cls > 7 || detail > 31) return std::nullopt;
  return static_cast<uint8_t>(cls << 5 | detail);
}

}  // namespace tc::gw
