// coap:// URIs as the device's clients take them (runtime/rd/coap_uri.hpp).
#include <gtest/gtest.h>

#include <array>

#include "rd/coap_uri.hpp"
#include "rd_fakes.hpp"

namespace tc::rd::test {
namespace {

TEST(RdCoapUri, SplitsHostPortPathAndQuery) {
  CoapUri u;
  ASSERT_TRUE(parse_coap_uri("coap://192.0.2.1:5701/b/ab%2Fc?x=1&y", u).ok());
  EXPECT_EQ(u.host, "192.0.2.1");
  ASSERT_TRUE(u.ipv4);
  EXPECT_EQ(*u.ipv4, (Ipv4{192, 0, 2, 1}));
  EXPECT_EQ(u.port, 5701);
  EXPECT_TRUE(u.explicit_port);
  EXPECT_EQ(u.path, "/b/ab%2Fc");
  EXPECT_EQ(u.query, "x=1&y");
}

TEST(RdCoapUri, DefaultsAndNames) {
  CoapUri u;
  ASSERT_TRUE(parse_coap_uri("COAP://Gateway", u).ok());
  EXPECT_EQ(u.host, "Gateway");
  EXPECT_FALSE(u.ipv4);
  EXPECT_EQ(u.port, kCoapDefaultPort);
  EXPECT_FALSE(u.explicit_port);
  EXPECT_EQ(u.path, "");
  ASSERT_TRUE(parse_coap_uri("coap://gateway:/citymaps/coverage", u).ok());
  EXPECT_EQ(u.port, kCoapDefaultPort);  // RFC 3986 3.2.3: an empty port is the default
  EXPECT_EQ(u.path, "/citymaps/coverage");
}

TEST(RdCoapUri, RefusesWhatTheDeviceCannotReach) {
  CoapUri u;
  const std::pair<const char*, const char*> bad[] = {
      {"coaps://192.0.2.1/x", "coaps:// (DTLS) is not supported: only coap:// URIs are"},
      {"http://192.0.2.1/x", "only coap:// URIs are supported"},
      {"coap:///x", "the coap:// URI has no host"},
      {"coap://[::1]/x", "IPv6 hosts are not supported: the device is IPv4 only"},
      {"coap://u@192.0.2.1/x", "user information in a coap:// URI is not supported"},
      {"coap://192.0.2.1/x#f", "a coap:// URI cannot have a fragment (RFC 7252 6.4)"},
      {"coap://192.0.2.1:0/x", "the URI's port is out of range"},
      {"coap://192.0.2.1:65536/x", "the URI's port is out of range"},
      {"coap://192.0.2.1:12a/x", "the URI's port is not a number"},
      {"coap://192.0.2.1/a/../b", "dot segments in a coap:// URI are not supported"},
      {"coap://192.0.2.1/a%2", "a '%' in the URI is not followed by two hex digits"},
      {"coap://192.0.2.1/?a=%zz", "a '%' in the URI is not followed by two hex digits"},
  };
  for (const auto& [uri, why] : bad) {
    const Status st = parse_coap_uri(uri, u);
    EXPECT_FALSE(st.ok()) << uri;
    EXPECT_STREQ(st.message(), why) << uri;
  }
  const std::string long_segment = "coap://192.0.2.1/" + std::string(256, 'a');
  EXPECT_FALSE(parse_coap_uri(long_segment, u).ok());
}

TEST(RdCoapUri, Ipv4Literals) {
  EXPECT_EQ(parse_ipv4("0.0.0.0"), (Ipv4{0, 0, 0, 0}));
  EXPECT_EQ(parse_ipv4("255.255.255.255"), (Ipv4{255, 255, 255, 255}));
  for (const char* bad : {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "a.b.c.d",
                          "1.2.3.4 ", "", "1.2.3.1000", "localhost"}) {
    EXPECT_FALSE(parse_ipv4(bad)) << bad;
  }
}

TEST(RdCoapUri, RequestOptionsArePercentDecoded) {
  CoapUri u;
  ASSERT_TRUE(parse_coap_uri("coap://192.0.2.1/b/ab%2Fc/?k=v%26w&z", u).ok());
  std::array<uint8_t, 128> storage{};
  coap::MessageBuilder b(coap::Type::confirmable, coap::Code::get, 1, storage);
  ASSERT_TRUE(add_request_options(b, u).ok());
  EXPECT_EQ(options(b.message(), coap::OptionNumber::uri_path),
            (std::vector<std::string>{"b", "ab/c", ""}));
  EXPECT_EQ(options(b.message(), coap::OptionNumber::uri_query),
            (std::vector<std::string>{"k=v&w", "z"}));
}

}  // namespace
}  // namespace tc::rd::test
