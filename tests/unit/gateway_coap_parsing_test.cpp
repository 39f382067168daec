// The text the gateway's CoAP side parses: addresses, RD query parameters, link format.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coap/ip_endpoint.hpp"
#include "coap/link_format_check.hpp"
#include "coap/rd_query.hpp"

namespace tc::gw {
namespace {

TEST(CoapUri, ParsesAndCanonicalises) {
  const IpEndpointParse a = parse_coap_uri("coap://127.0.0.1:5701");
  ASSERT_TRUE(a.endpoint) << a.error;
  EXPECT_EQ(*a.endpoint, (IpEndpoint{"127.0.0.1", 5701, false}));
  const IpEndpointParse b = parse_coap_uri("coap://[0:0::1]/");
  ASSERT_TRUE(b.endpoint) << b.error;
  EXPECT_EQ(*b.endpoint, (IpEndpoint{"::1", kDefaultCoapPort, true}));
  EXPECT_EQ(format_coap_uri(*b.endpoint), "coap://[::1]:5683");
  EXPECT_EQ(format_coap_uri(*a.endpoint), "coap://127.0.0.1:5701");
}

TEST(CoapUri, RejectsWithAReason) {
  const auto error = [](std::string_view text) { return parse_coap_uri(text).error; };
  EXPECT_NE(error("http://1.2.3.4:5").find("coap://"), std::string::npos);
  EXPECT_NE(error("coap://").find("missing"), std::string::npos);
  EXPECT_NE(error("coap://device.local:5683").find("IPv4"), std::string::npos);
  EXPECT_NE(error("coap://1.2.3.4:0").find("port"), std::string::npos);
  EXPECT_NE(error("coap://1.2.3.4:65536").find("port"), std::string::npos);
  EXPECT_NE(error("coap://1.2.3.4:+5").find("port"), std::string::npos);
  EXPECT_NE(error("coap://1.2.3.4:5/c").find("path"), std::string::npos);
  EXPECT_NE(error("coap://u@1.2.3.4:5").find("user"), std::string::npos);
  EXPECT_NE(error("coap://::1:5683").find("brackets"), std::string::npos);
  EXPECT_NE(error("coap://[::1").find(']'), std::string::npos);
  EXPECT_NE(error("coap://[1.2.3.4]:5").find("IPv6"), std::string::npos);
  EXPECT_FALSE(parse_coap_uri("coap://1.2.3.4.5:5").endpoint);
}

TEST(HostPort, ParsesTheListenOption) {
  const HostPortParse a = parse_host_port("0.0.0.0:0");
  ASSERT_TRUE(a.value) << a.error;
  EXPECT_EQ(a.value->host, "0.0.0.0");
  EXPECT_EQ(a.value->port, 0);
  const HostPortParse b = parse_host_port("[::]:5683");
  ASSERT_TRUE(b.value) << b.error;
  EXPECT_EQ(b.value->host, "::");
  EXPECT_EQ(parse_host_port("localhost:7").value->host, "localhost");
  EXPECT_FALSE(parse_host_port("localhost").value);
  EXPECT_FALSE(parse_host_port(":5683").value);
  EXPECT_FALSE(parse_host_port("h:99999").value);
}

TEST(LinkFormat, AcceptsRfc6690Examples) {
  for (
      const std::string_view text : {
          "",
          "</sensors>;ct=40",
          R"(</sensors/temp>;rt="temperature-c";if="sensor",</sensors/light>;rt="light-lux";if="sensor")",
          R"(</t>;anchor="/sensors/temp";rel="alternate",<http://www.example.com/sensors/t123>;anchor="/sensors/temp";rel="describedby")",
          "</dev>;rt=tc.dev;ct=60;obs,</c>;rt=tc.containers,</events>;rt=tc.events;obs",
          "</a%20b>;title*=UTF-8'de'n%c3%a4chstes",
          "</a>,\n </b>",
          R"(</q>;title="say \"hi\"")",
      }) {
    const LinkFormatCheck check = check_link_format(text);
    EXPECT_TRUE(check.ok) << text << ": " << check.error;
  }
  EXPECT_EQ(check_link_format("</a>,</b>;obs,</c>").links, 3u);
}

TEST(LinkFormat, RejectsWithThePosition) {
  const auto error = [](std::string_view text) { return check_link_format(text).error; };
  EXPECT_EQ(error("/a"), "byte 0: expected '<' to start a link");
  EXPECT_EQ(error("</a"), "byte 3: expected '>' to close the link's URI");
  EXPECT_EQ(error("</a b>"), "byte 3: character not allowed in a URI");
  EXPECT_EQ(error("</a>,"), "byte 5: expected '<' to start a link");
  EXPECT_EQ(error("</a></b>"), "byte 4: expected ',' between links");
  EXPECT_EQ(error("</a>;"), "byte 5: expected a parameter name after ';'");
  EXPECT_EQ(error("</a>;rt="), "byte 8: expected a value after '='");
  EXPECT_EQ(error(R"(</a>;rt="x)"), "byte 10: a quoted string is not closed");
  EXPECT_EQ(error("</%4>"), "byte 2: '%' in a URI must be followed by two hex digits");
  EXPECT_NE(error(std::string("</a>;rt=\"\x01\"")).find("control character"), std::string::npos);
  EXPECT_NE(error("</a>;rt=a b").find("expected ','"), std::string::npos);
}

TEST(LinkFormat, EnforcesItsLimits) {
  const LinkFormatLimits limits{.max_bytes = 64, .max_links = 2, .max_params_per_link = 2};
  EXPECT_TRUE(check_link_format("</a>,</b>", limits).ok);
  EXPECT_NE(check_link_format("</a>,</b>,</c>", limits).error.find("more than 2 links"),
            std::string::npos);
  EXPECT_NE(check_link_format("</a>;x;y;z", limits).error.find("more than 2 parameters"),
            std::string::npos);
  EXPECT_NE(check_link_format(std::string(65, 'x'), limits).error.find("limit of 64"),
            std::string::npos);
}

std::vector<std::string_view> query(std::initializer_list<std::string_view> options) {
  return options;
}

TEST(RdQuery, ParsesARegistration) {
  const std::vector<std::string_view> options =
      query({"ep=box-1", "lt=60", "base=coap://127.0.0.1:5701", "d=site.a", "et=tc.device"});
  const QueryParse<RegistrationQuery> parsed = parse_registration_query(options);
  ASSERT_TRUE(parsed.value) << parsed.error;
  EXPECT_EQ(parsed.value->endpoint, "box-1");
  EXPECT_EQ(parsed.value->sector, "site.a");
  EXPECT_EQ(parsed.value->lifetime, 60u);
  ASSERT_TRUE(parsed.value->base);
  EXPECT_EQ(parsed.value->base->port, 5701);
}

TEST(RdQuery, RejectsBadRegistrations) {
  const auto error = [](std::initializer_list<std::string_view> options) {
    const std::vector<std::string_view> list = options;
    return parse_registration_query(list).error;
  };
  EXPECT_NE(error({"lt=60"}).find("endpoint name is missing"), std::string::npos);
  EXPECT_NE(error({"ep=a b"}).find("'ep' must be"), std::string::npos);
  EXPECT_NE(error({"ep=" + std::string(64, 'a')}).find("'ep' must be"), std::string::npos);
  EXPECT_NE(error({"ep="}).find("'ep' must be"), std::string::npos);
  EXPECT_NE(error({"ep"}).find("needs a value"), std::string::npos);
  EXPECT_NE(error({"ep=a", "ep=b"}).find("given twice"), std::string::npos);
  EXPECT_NE(error({"ep=a", "lt=0"}).find("'lt' must be"), std::string::npos);
  EXPECT_NE(error({"ep=a", "lt=4294967296"}).find("'lt' must be"), std::string::npos);
  EXPECT_NE(error({"ep=a", "lt=-1"}).find("'lt' must be"), std::string::npos);
  EXPECT_NE(error({"ep=a", "lt=1e3"}).find("'lt' must be"), std::string::npos);
  EXPECT_NE(error({"ep=a", "base=coap://box:1"}).find("'base'"), std::string::npos);
  EXPECT_NE(error({"ep=a", "base=coaps://1.2.3.4:5"}).find("'base'"), std::string::npos);
  EXPECT_NE(error({"ep=a", "d=x/y"}).find("'d' must be"), std::string::npos);
  EXPECT_TRUE(parse_registration_query(query({"ep=a", "lt=4294967295"})).value);
}

TEST(RdQuery, ParsesAnUpdate) {
  const QueryParse<UpdateQuery> empty = parse_update_query({});
  ASSERT_TRUE(empty.value);
  EXPECT_FALSE(empty.value->lifetime);
  EXPECT_FALSE(empty.value->base);
  const QueryParse<UpdateQuery> both =
      parse_update_query(query({"lt=30", "base=coap://[::1]:7000"}));
  ASSERT_TRUE(both.value) << both.error;
  EXPECT_EQ(both.value->lifetime, 30u);
  EXPECT_TRUE(both.value->base->ipv6);
  EXPECT_NE(parse_update_query(query({"ep=x"})).error.find("cannot change"), std::string::npos);
  EXPECT_NE(parse_update_query(query({"lt=x"})).error.find("'lt'"), std::string::npos);
}

TEST(RdQuery, BoundsTheNumberOfParameters) {
  std::vector<std::string> many(kMaxQueryParameters + 1, "et=x");
  many[0] = "ep=a";
  const std::vector<std::string_view> options(many.begin(), many.end());
  EXPECT_NE(parse_registration_query(options).error.find("query parameters"), std::string::npos);
}

}  // namespace
}  // namespace tc::gw
