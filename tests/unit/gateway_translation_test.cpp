// The API's pure parts: JSON <-> CBOR, the proxy's request and answer translation, CoAP -> HTTP
// status mapping, and the parsing of parameters and bodies (each refusal names what is wrong).
#include <gtest/gtest.h>

#include "api/api_error.hpp"
#include "api/device_errors.hpp"
#include "api/proxy_translation.hpp"
#include "api/request_parsing.hpp"
#include "dev/cbor_json.hpp"
#include "gateway_test_support.hpp"

namespace tc::gw {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test::cbor;

CoapReply reply(uint8_t code, std::vector<uint8_t> payload = {},
                std::optional<uint16_t> format = std::nullopt) {
  CoapReply r;
  r.code = code;
  r.payload = std::move(payload);
  r.content_format = format;
  return r;
}

// The ApiError `f` throws (status 0 when it throws none).
template <typename F>
ApiError error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  return {0, "none", "no error"};
}

TEST(GatewayJsonToCbor, PreferredEncodingAndRoundTrip) {
  EXPECT_EQ(cbor(Json(1)), (std::vector<uint8_t>{0x01}));
  EXPECT_EQ(cbor(Json(-1)), (std::vector<uint8_t>{0x20}));
  EXPECT_EQ(cbor(Json(1.5)), (std::vector<uint8_t>{0xf9, 0x3e, 0x00}));
  EXPECT_EQ(cbor(Json("a")), (std::vector<uint8_t>{0x61, 'a'}));
  EXPECT_EQ(cbor(Json(nullptr)), (std::vector<uint8_t>{0xf6}));
  EXPECT_EQ(cbor({{"a", true}}), (std::vector<uint8_t>{0xa1, 0x61, 'a', 0xf5}));
  const Json value = Json::parse(
      R"({"n": 18446744073709551615, "m": -9223372036854775808, "f": 0.1,
          "s": "héllo", "l": [1, [2, [3]], {}], "o": {"x": null}})");
  const dev::JsonResult back = dev::cbor_to_json(cbor(value));
  ASSERT_TRUE(back.value) << back.error;
  EXPECT_EQ(*back.value, value);
}

TEST(GatewayJsonToCbor, LargeValuesGrowTheBuffer) {
  const Json big = Json::array({std::string(5000, 'x'), std::string(3000, 'y')});
  const dev::JsonResult back = dev::cbor_to_json(cbor(big));
  ASSERT_TRUE(back.value);
  EXPECT_EQ(*back.value, big);
}

TEST(GatewayJsonToCbor, RefusesNestingTheDeviceCannotRead) {
  Json deep = Json::array();
  for (int i = 1; i < 16; ++i)
    deep = Json::array({deep});
  ASSERT_TRUE(dev::json_to_cbor(deep).value) << "16 levels read";
  EXPECT_TRUE(dev::cbor_to_json(*dev::json_to_cbor(deep).value).value);
  const dev::CborResult r = dev::json_to_cbor(Json::array({deep}));
  EXPECT_FALSE(r.value);
  EXPECT_NE(r.error.find("deeper than 16"), std::string::npos) << r.error;
}

TEST(GatewayProxyRequest, TranslatesMethodPathQueryAndJsonBody) {
  const CoapRequest r = proxy_request({"PUT",
                                       "address-display",
                                       "recipient/name",
                                       {{"a", "1"}, {"flag", ""}},
                                       "application/json; charset=utf-8",
                                       R"({"to":"J. Doe"})"},
                                      milliseconds(1234));
  EXPECT_EQ(r.method, Method::put);
  EXPECT_EQ(r.path, "/c/address-display/x/recipient/name");
  EXPECT_EQ(r.query, (std::vector<std::string>{"a=1", "flag"}));
  EXPECT_EQ(r.content_format, kFormatCbor);
  EXPECT_EQ(r.payload, cbor({{"to", "J. Doe"}}));
  EXPECT_EQ(r.timeout, milliseconds(1234));
}

TEST(GatewayProxyRequest, OtherBodiesPassWithTheirFormat) {
  const auto with = [](const char* type) {
    return proxy_request({"POST", "app", "p", {}, type, "hi"}, milliseconds(1));
  };
  EXPECT_EQ(with("text/plain").content_format, 0);
  EXPECT_EQ(with("text/plain").payload, (std::vector<uint8_t>{'h', 'i'}));
  EXPECT_EQ(with("application/octet-stream").content_format, kFormatOctets);
  EXPECT_EQ(with("application/cbor").content_format, kFormatCbor);
  EXPECT_EQ(with("Application/Link-Format").content_format, kFormatLinkFormat);
  const CoapRequest empty = proxy_request({"GET", "app", "p", {}, "", ""}, milliseconds(1));
  EXPECT_EQ(empty.method, Method::get);
  EXPECT_FALSE(empty.content_format);
  EXPECT_TRUE(empty.payload.empty());
}

TEST(GatewayProxyRequest, RefusesWithTheRightStatus) {
  const auto status = [](ProxyInput in) {
    return error_of([&] { (void)proxy_request(in, milliseconds(1)); });
  };
  EXPECT_EQ(status({"PATCH", "app", "p", {}, "", ""}).status(), 405);
  EXPECT_EQ(status({"GET", "App!", "p", {}, "", ""}).status(), 400);
  EXPECT_EQ(status({"POST", "app", "p", {}, "image/png", "x"}).status(), 415);
  const ApiError malformed = status({"POST", "app", "p", {}, "application/json", "{\"a\":"});
  EXPECT_EQ(malformed.status(), 400);
  EXPECT_EQ(malformed.code(), "malformed_json");
  EXPECT_NE(std::string(malformed.what()).find("line 1"), std::string::npos) << malformed.what();
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_EQ(status({"POST", "app", "p", {}, "application/json", deep}).code(), "bad_body");
}

TEST(GatewayProxyAnswer, CborBecomesJsonOthersPassThrough) {
  ProxyAnswer a = proxy_answer(reply(0x45, cbor({{"n", 1}}), kFormatCbor), false);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.content_type, "application/json");
  EXPECT_EQ(a.body, R"({"n":1})");
  EXPECT_EQ(a.coap_code, "2.05");
  a = proxy_answer(reply(0x45, cbor({{"n", 1}}), kFormatCbor), true);
  EXPECT_EQ(a.content_type, "application/cbor");
  a = proxy_answer(reply(0x45, {'h', 'i'}, 0), false);
  EXPECT_EQ(a.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(a.body, "hi");
  a = proxy_answer(reply(0x45, {1, 2}, 11542), false);
  EXPECT_EQ(a.content_type, "application/octet-stream");
  EXPECT_EQ(a.unknown_format, 11542);
  EXPECT_EQ(proxy_answer(reply(0x44), false).status, 204);
  EXPECT_EQ(proxy_answer(reply(0x41), false).status, 201);
}

TEST(GatewayProxyAnswer, DeviceErrorsAndGarbage) {
  const ApiError missing = error_of([] {
    (void)proxy_answer(reply(0x84, cbor({{"error", "no such export"}}), kFormatCbor), false);
  });
  EXPECT_EQ(missing.status(), 404);
  EXPECT_EQ(missing.code(), "not_found");
  const Json body = missing.body();
  EXPECT_EQ(body["error"]["device_answer"]["coap_code"], "4.04");
  EXPECT_EQ(body["error"]["device_answer"]["error"], "no such export");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("no such export"), std::string::npos);
  const ApiError garbage = error_of([] {
    (void)proxy_answer(reply(0x45, {0xff, 0x00}, kFormatCbor), false);
  });
  EXPECT_EQ(garbage.status(), 502);
  EXPECT_EQ(garbage.code(), "bad_device_answer");
  EXPECT_EQ(error_of([] { (void)proxy_answer(reply(0x45, {'{'}, kFormatJson), false); }).status(),
            502);
  EXPECT_EQ(proxy_answer(reply(0x45, {'[', ']'}, kFormatJson), false).body, "[]");
}

TEST(GatewayDeviceErrors, CoapCodesMapToHttp) {
  const std::vector<std::pair<const char*, int>> table = {
      {"2.01", 201}, {"2.04", 200}, {"2.05", 200}, {"4.00", 400}, {"4.01", 403}, {"4.03", 403},
      {"4.04", 404}, {"4.05", 405}, {"4.12", 409}, {"4.13", 413}, {"4.15", 415}, {"4.29", 400},
      {"5.00", 502}, {"5.01", 501}, {"5.02", 502}, {"5.03", 503}, {"5.04", 504}, {"5.05", 502}};
  for (const auto& [code, status] : table) {
    EXPECT_EQ(coap_to_http_status(parse_coap_code(code).value()), status) << code;
  }
  EXPECT_FALSE(parse_coap_code("4.4"));
  EXPECT_FALSE(parse_coap_code("9.00"));
  EXPECT_FALSE(parse_coap_code("4.99"));
}

TEST(GatewayDeviceErrors, TheDevicesReasonIsTheCode) {
  const ApiError e = device_refusal(
      reply(0x83, cbor({{"error", "suit: rollback"}, {"reason", "rollback"}}), kFormatCbor),
      "container_not_found");
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(e.code(), "rollback");
  EXPECT_EQ(e.body()["error"]["device_answer"]["reason"], "rollback");
  EXPECT_EQ(device_refusal(reply(0x84), "container_not_found").code(), "container_not_found");
  EXPECT_EQ(
      device_refusal(reply(0x84, {'N', 'o'}), "x").body()["error"]["device_answer"]["payload"],
      "No");
}

TEST(GatewayDeviceErrors, FailuresWithoutAnAnswer) {
  EXPECT_EQ(device_failure({CoapFailure::timeout, "t", {}}).status(), 504);
  EXPECT_EQ(device_failure({CoapFailure::timeout, "t", {}}).code(), "device_timeout");
  EXPECT_EQ(device_failure({CoapFailure::unreachable, "u", {}}).status(), 502);
  EXPECT_EQ(device_failure({CoapFailure::bad_response, "b", {}}).code(), "bad_device_answer");
  EXPECT_EQ(device_failure({CoapFailure::local, "l", {}}).status(), 503);
}

TEST(GatewayRequestParsing, Parameters) {
  EXPECT_FALSE(wait_param(std::nullopt, seconds(10), seconds(300)));
  EXPECT_EQ(wait_param("", seconds(10), seconds(300)), seconds(10));
  EXPECT_EQ(wait_param("3", seconds(10), seconds(300)), seconds(3));
  EXPECT_EQ(error_of([] { (void)wait_param("301", seconds(10), seconds(300)); }).status(), 400);
  const ApiError bad = error_of([] { (void)wait_param("soon", seconds(10), seconds(300)); });
  EXPECT_EQ(bad.status(), 400);
  EXPECT_EQ(bad.body()["error"]["field"], "wait");
  EXPECT_EQ(unsigned_param("from", "12"), 12u);
  EXPECT_EQ(error_of([] { (void)unsigned_param("from", "-1"); }).status(), 400);
  EXPECT_TRUE(bool_param("detail", ""));
  EXPECT_FALSE(bool_param("detail", "false"));
  EXPECT_EQ(error_of([] { (void)bool_param("detail", "maybe"); }).status(), 400);
}

TEST(GatewayRequestParsing, Names) {
  check_container_name("address-display");
  check_container_name("a.b_c-1");
  EXPECT_EQ(error_of([] { check_container_name("Upper"); }).code(), "invalid_container_name");
  EXPECT_EQ(error_of([] { check_container_name("-lead"); }).status(), 400);
  EXPECT_EQ(error_of([] { check_container_name(std::string(32, 'a')); }).status(), 400);
  EXPECT_EQ(error_of([] { check_container_name(""); }).status(), 400);
  EXPECT_TRUE(is_device_id("sim-0001"));
  EXPECT_TRUE(is_device_id("Dev.1_x"));
  EXPECT_FALSE(is_device_id("a/b"));
  EXPECT_FALSE(is_device_id(""));
  EXPECT_FALSE(is_device_id(std::string(64, 'a')));
}

TEST(GatewayRequestParsing, Bodies) {
  EXPECT_EQ(json_body("", "", true), Json::object());
  EXPECT_EQ(json_body("application/json", R"({"a":1})", false)["a"], 1);
  EXPECT_EQ(error_of([] { (void)json_body("text/plain", "{}", false); }).status(), 415);
  EXPECT_EQ(error_of([] { (void)json_body("application/json", "{", false); }).status(), 400);
  EXPECT_EQ(error_of([] { (void)json_body("application/json", "1e400", false); }).code(),
            "malformed_json");
  EXPECT_EQ(token_name(Json::object()), "token");
  EXPECT_EQ(token_name({{"name", "ci"}}), "ci");
  EXPECT_EQ(error_of([] { (void)token_name({{"name", 5}}); }).body()["error"]["field"], "name");
  EXPECT_EQ(error_of([] { (void)token_name(Json::array()); }).status(), 400);

  const std::string envelope = "\xd8\x6b\xa1\x02\x40";
  EXPECT_EQ(envelope_body("application/suit-envelope+cose", envelope).size(), 5u);
  EXPECT_EQ(envelope_body("application/cbor", envelope).size(), 5u);
  EXPECT_EQ(envelope_body("application/octet-stream", envelope).size(), 5u);
  EXPECT_EQ(error_of([] { (void)envelope_body("application/json", "{}"); }).status(), 415);
  EXPECT_EQ(error_of([] { (void)envelope_body("application/cbor", ""); }).code(), "empty_body");
  EXPECT_EQ(error_of([] { (void)envelope_body("application/cbor", "\xa1\x01"); }).code(),
            "malformed_envelope");
  EXPECT_EQ(error_of([] { (void)envelope_body("application/cbor", "\x01\x02"); }).code(),
            "malformed_envelope");
}

}  // namespace
}  // namespace tc::gw
