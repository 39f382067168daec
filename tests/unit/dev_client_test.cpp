#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "cbor/reader.hpp"
#include "dev/cbor_json.hpp"
#include "dev/device_uri.hpp"
#include "dev/install_body.hpp"

namespace tc::dev {
namespace {

TEST(DeviceUri, ParsesHostAndPort) {
  const UriResult a = parse_device_uri("coap://127.0.0.1:5684");
  ASSERT_TRUE(a.uri) << a.error;
  EXPECT_EQ(a.uri->host, "127.0.0.1");
  EXPECT_EQ(a.uri->port, 5684);
  const UriResult b = parse_device_uri("coap://device.local/");
  ASSERT_TRUE(b.uri);
  EXPECT_EQ(b.uri->port, kDefaultCoapPort);
  const UriResult c = parse_device_uri("coap://[::1]:7000");
  ASSERT_TRUE(c.uri);
  EXPECT_EQ(c.uri->host, "::1");
  EXPECT_EQ(c.uri->display(), "[::1]:7000");
}

TEST(DeviceUri, RejectsWithReason) {
  EXPECT_NE(parse_device_uri("http://x").error.find("scheme must be coap://"), std::string::npos);
  EXPECT_NE(parse_device_uri("coaps://x").error.find("DTLS"), std::string::npos);
  EXPECT_NE(parse_device_uri("coap://").error.find("host is missing"), std::string::npos);
  EXPECT_NE(parse_device_uri("coap://h:0").error.find("port"), std::string::npos);
  EXPECT_NE(parse_device_uri("coap://h:70000").error.find("port"), std::string::npos);
  EXPECT_NE(parse_device_uri("coap://h/c").error.find("path"), std::string::npos);
  EXPECT_FALSE(parse_device_uri("coap://[::1").uri);
}

TEST(CborJson, ConvertsEveryKind) {
  // {"a": [1, -2, h'0aff', "t", true, null, 1.5], 3: {_ "x": (_ "y", "z")}}
  const std::vector<uint8_t> cbor = {0xa2, 0x61, 'a',  0x87, 0x01, 0x21, 0x42, 0x0a, 0xff,
                                     0x61, 't',  0xf5, 0xf6, 0xf9, 0x3e, 0x00, 0x03, 0xbf,
                                     0x61, 'x',  0x7f, 0x61, 'y',  0x61, 'z',  0xff, 0xff};
  const JsonResult r = cbor_to_json(cbor);
  ASSERT_TRUE(r.value) << r.error;
  EXPECT_EQ(r.value->dump(), R"({"a":[1,-2,"0aff","t",true,null,1.5],"3":{"x":"yz"}})");
}

TEST(CborJson, RejectsMalformedAndTrailing) {
  EXPECT_FALSE(cbor_to_json(std::vector<uint8_t>{0x82, 0x01}).value);
  EXPECT_FALSE(cbor_to_json(std::vector<uint8_t>{0x01, 0x02}).value);
  EXPECT_FALSE(cbor_to_json(std::vector<uint8_t>{}).value);
}

TEST(InstallBody, IsImageAndManifestBytes) {
  const std::vector<uint8_t> image(20000, 0x5a);
  const InstallBody body =
      make_install_body(image, R"({"name": "hello", "version": 3, "tenant": "t"})");
  ASSERT_FALSE(body.body.empty());
  cbor::Reader reader(body.body);
  uint64_t count = 0;
  std::span<const uint8_t> got_image;
  std::span<const uint8_t> got_manifest;
  ASSERT_EQ(reader.read_array_header(count), cbor::Error::ok);
  EXPECT_EQ(count, 2u);
  ASSERT_EQ(reader.read_bytes(got_image), cbor::Error::ok);
  ASSERT_EQ(reader.read_bytes(got_manifest), cbor::Error::ok);
  EXPECT_EQ(reader.finish(), cbor::Error::ok);
  EXPECT_EQ(got_image.size(), image.size());
  EXPECT_FALSE(got_manifest.empty());
  EXPECT_EQ(body.manifest.version, 3u);
}

TEST(InstallBody, ReportsManifestErrors) {
  const std::array<uint8_t, 8> image{};
  const InstallBody body = make_install_body(image, R"({"name": "x", "version": -1})");
  EXPECT_TRUE(body.body.empty());
  ASSERT_FALSE(body.errors.empty());
  EXPECT_NE(body.errors[0].find("$."), std::string::npos);
}

}  // namespace
}  // namespace tc::dev
