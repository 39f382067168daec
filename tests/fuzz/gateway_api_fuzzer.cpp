// Fuzzes the gateway API's parsing and translation (gateway/api, gateway/events): the first byte
// picks a reader, the rest is its input. Refusals (ApiError) are the expected outcome of bad
// input; anything else escaping, a crash, or a broken invariant is a finding:
//   a JSON body the proxy accepts encodes to CBOR that decodes back to the same JSON;
//   a translated device answer is JSON that parses, or the bytes as they came.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "api/api_error.hpp"
#include "api/device_errors.hpp"
#include "api/proxy_translation.hpp"
#include "api/request_parsing.hpp"
#include "dev/cbor_json.hpp"
#include "events/device_events.hpp"
#include "events/device_report.hpp"
#include "events/sse.hpp"

namespace {

using namespace tc::gw;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr const char* kTypes[] = {
    "application/json",        "application/cbor", "text/plain", "application/octet-stream",
    "application/link-format", "image/png",        "",           "application/suit-envelope+cose"};
constexpr const char* kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};

void proxy_request_path(uint8_t selector, std::string_view body) {
  const char* type = kTypes[selector % 8];
  const ProxyInput input{kMethods[(selector >> 3) % 5], "app", "x/y", {{"k", "v"}}, type, body};
  const CoapRequest r = proxy_request(input, std::chrono::milliseconds(100));
  if (std::string_view(type) == "application/json" && !body.empty()) {
    const tc::dev::JsonResult back = tc::dev::cbor_to_json(r.payload);
    check(back.value.has_value());
    check(*back.value == Json::parse(body));
  }
}

void proxy_answer_path(std::span<const uint8_t> in) {
  if (in.size() < 2) return;
  CoapReply reply;
  reply.code = in[0];
  const uint8_t format = in[1];
  if (format != 0xff) reply.content_format = format < 8 ? uint16_t{60} : uint16_t{format};
  reply.payload.assign(in.begin() + 2, in.end());
  const ProxyAnswer a = proxy_answer(reply, false);
  if (a.content_type == "application/json")
    check(!Json::parse(a.body, nullptr, false).is_discarded());
}

void parameters(std::string_view text) {
  (void)media_type(text);
  (void)is_device_id(text);
  (void)parse_event_id(text);
  (void)parse_coap_code(text);
  try {
    (void)wait_param(text, std::chrono::seconds(10), std::chrono::seconds(300));
  } catch (const ApiError&) {
  }
  try {
    (void)bool_param("b", text);
  } catch (const ApiError&) {
  }
  check_container_name(text);
}

void dispatch(uint8_t selector, std::span<const uint8_t> in) {
  const std::string_view text(reinterpret_cast<const char*>(in.data()), in.size());
  switch (selector % 6) {
    case 0:
      proxy_request_path(static_cast<uint8_t>(selector / 6), text);
      break;
    case 1:
      proxy_answer_path(in);
      break;
    case 2:
      (void)token_name(json_body("application/json", text, true));
      break;
    case 3:
      (void)envelope_body(kTypes[(selector / 6) % 8], text);
      break;
    case 4:
      parameters(text);
      break;
    default: {
      const DecodedDeviceEvents events = decode_device_events(in);
      (void)events;
      (void)json_text(device_report(Method::post, "/r", {"c=x"}, std::nullopt,
                                    std::vector<uint8_t>(in.begin(), in.end())));
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    dispatch(data[0], {data + 1, size - 1});
  } catch (const ApiError&) {
    // A refusal: what bad input gets.
  }
  return 0;
}
