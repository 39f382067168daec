// The resource directory, blobs and device requests of CoapGateway, driven by libcoap's real
// coap-client-notls as the device.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "gateway_coap_support.hpp"

namespace tc::gw::test {
namespace {

class RdTest : public GatewayTest {
 protected:
  std::string post_registration(const std::string& query, const std::string& links) {
    return coap_client({"-m", "post", "-t", "40", "-e", links, uri("/rd?" + query)});
  }
};

TEST_F(RdTest, RegistersRefreshesAndRemoves) {
  post_registration("ep=box-1&lt=60&base=coap://127.0.0.1:5701", "</dev>;rt=tc.dev");
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; }));
  const Registration first = listener.registered[0].first;
  EXPECT_FALSE(listener.registered[0].second);
  EXPECT_EQ(first.endpoint, "box-1");
  EXPECT_EQ(first.base, "coap://127.0.0.1:5701");
  EXPECT_EQ(first.lifetime, std::chrono::seconds(60));
  EXPECT_EQ(first.links, "</dev>;rt=tc.dev");
  EXPECT_EQ(first.location, "/rd/1");

  coap_client({"-m", "post", uri(first.location)});
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 2; }));
  EXPECT_TRUE(listener.registered[1].second) << "an update that changes nothing is a refresh";
  ASSERT_EQ(gateway.registrations().size(), 1u);
  EXPECT_EQ(gateway.registrations()[0].endpoint, "box-1");
  EXPECT_NE(coap_client({"-m", "get", uri("/rd-lookup/ep")}).find(R"(ep="box-1")"),
            std::string::npos);

  coap_client({"-m", "delete", uri(first.location)});
  ASSERT_TRUE(listener.wait([&] { return listener.unregistered.size() == 1; }));
  EXPECT_EQ(listener.unregistered[0].first, "box-1");
  EXPECT_EQ(listener.unregistered[0].second, Unregistered::removed);
  EXPECT_TRUE(gateway.registrations().empty());
  EXPECT_NE(coap_client({"-m", "delete", uri(first.location)}).find("4.04"), std::string::npos);
  EXPECT_NE(coap_client({"-m", "post", uri(first.location)}).find("4.04"), std::string::npos);
}

TEST_F(RdTest, ALargeRegistrationArrivesBlockWise) {
  std::string links;
  for (int i = 0; links.size() < 1500; ++i) {
    if (!links.empty()) links += ',';
    links += "</dev/resources/sensor" + std::to_string(i) + ">;rt=tc.resource;ct=60";
  }
  const std::string output =
      coap_client({"-m", "post", "-b", "64", "-t", "40", "-e", links, uri("/rd?ep=box-big&lt=60")});
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; })) << output;
  EXPECT_EQ(listener.registered[0].first.links, links);
}

TEST_F(RdTest, ReRegistrationReplacesAndKeepsTheLocation) {
  post_registration("ep=box-1&base=coap://127.0.0.1:5701", "</a>");
  post_registration("ep=box-2", "");
  post_registration("ep=box-1&base=coap://127.0.0.1:5702", "</b>");
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 3; }));
  const Registration& again = listener.registered[2].first;
  EXPECT_FALSE(listener.registered[2].second);
  EXPECT_EQ(again.location, listener.registered[0].first.location);
  EXPECT_EQ(again.links, "</b>");
  EXPECT_EQ(again.base, "coap://127.0.0.1:5702");
  EXPECT_EQ(gateway.registrations().size(), 2u);
}

TEST_F(RdTest, BadRegistrationsAreRefusedWithAReason) {
  struct Case {
    std::string query;
    std::string links;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"lt=60", "</a>", "4.00 the endpoint name is missing"},
      {"ep=bad%20name", "</a>", "4.00 'ep' must be"},
      {"ep=" + std::string(64, 'x'), "</a>", "4.00 'ep' must be"},
      {"ep=a&lt=0", "</a>", "4.00 'lt' must be"},
      {"ep=a&lt=soon", "</a>", "4.00 'lt' must be"},
      {"ep=a&base=coap://box.local:5683", "</a>", "4.00 'base' the host must be"},
      {"ep=a&base=http://127.0.0.1:80", "</a>", "4.00 'base' must start with coap://"},
      {"ep=a", "</a", "4.00 the payload is not link format: byte 3"},
      {"ep=a", "hello", "4.00 the payload is not link format: byte 0"},
  };
  for (const Case& c : cases) {
    EXPECT_NE(post_registration(c.query, c.links).find(c.expected), std::string::npos)
        << c.query << " " << c.links;
  }
  EXPECT_NE(coap_client({"-m", "post", "-t", "0", "-e", "</a>", uri("/rd?ep=a")}).find("4.15"),
            std::string::npos);
  EXPECT_TRUE(gateway.registrations().empty());
  const auto lock = listener.lock();
  EXPECT_TRUE(listener.registered.empty());
}

TEST_F(RdTest, UpdatesAreCheckedToo) {
  post_registration("ep=box-1", "</a>");
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; }));
  const std::string location = uri(listener.registered[0].first.location);
  EXPECT_NE(coap_client({"-m", "post", "-e", "</b>", location})
                .find("4.00 a registration update "
                      "carries no payload"),
            std::string::npos);
  EXPECT_NE(coap_client({"-m", "post", location + "?ep=other"}).find("4.00 'ep' cannot change"),
            std::string::npos);
  EXPECT_NE(coap_client({"-m", "post", location + "?lt=x"}).find("4.00 'lt' must be"),
            std::string::npos);
  EXPECT_NE(coap_client({"-m", "get", location}).find("4.05"), std::string::npos);
  EXPECT_NE(coap_client({"-m", "post", uri("/rd/1/x")}).find("4.04"), std::string::npos);
  const auto lock = listener.lock();
  EXPECT_EQ(listener.registered.size(), 1u);
}

TEST_F(RdTest, ARegistrationExpiresAfterItsLifetime) {
  post_registration("ep=short&lt=1", "</a>");
  ASSERT_TRUE(listener.wait([&] { return !listener.unregistered.empty(); }));
  EXPECT_EQ(listener.unregistered[0].first, "short");
  EXPECT_EQ(listener.unregistered[0].second, Unregistered::expired);
  EXPECT_TRUE(gateway.registrations().empty());
}

TEST_F(RdTest, WellKnownCoreListsTheDirectory) {
  const std::string links = coap_client({"-m", "get", uri("/.well-known/core")});
  EXPECT_NE(links.find("</rd>;ct=40;rt=core.rd"), std::string::npos) << links;
  EXPECT_NE(links.find("</rd-lookup/ep>;ct=40;rt=core.rd-lookup-ep"), std::string::npos) << links;
}

TEST_F(RdTest, BlobsAreServedBlockWise) {
  std::vector<uint8_t> envelope(5000);
  for (std::size_t i = 0; i < envelope.size(); ++i)
    envelope[i] = static_cast<uint8_t>(i * 7);
  blobs.put("0a1b", envelope);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("gateway_coap_blob_" + std::to_string(gateway.port()) + ".bin");
  for (const char* block_size : {"64", "1024"}) {
    coap_client({"-m", "get", "-b", block_size, "-o", file.string(), uri("/b/0a1b")});
    std::ifstream in(file, std::ios::binary);
    const std::vector<uint8_t> got((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
    EXPECT_EQ(got, envelope) << "block size " << block_size;
  }
  std::filesystem::remove(file);
  EXPECT_NE(coap_client({"-m", "get", uri("/b/nothing")}).find("4.04"), std::string::npos);
  EXPECT_NE(coap_client({"-m", "put", "-e", "x", uri("/b/0a1b")}).find("4.05"), std::string::npos);
}

TEST_F(RdTest, DeviceRequestsReachTheListener) {
  post_registration("ep=box-1", "</a>");
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; }));
  const std::string accepted =
      coap_client({"-m", "post", "-t", "60", "-e", "hello", uri("/report/x?c=radio")});
  EXPECT_EQ(accepted.find("4."), std::string::npos) << accepted;
  ASSERT_TRUE(listener.wait([&] { return listener.device_requests.size() == 1; }));
  const DeviceRequestRecord& r = listener.device_requests[0];
  EXPECT_EQ(r.endpoint, "box-1") << "the only registration on 127.0.0.1";
  EXPECT_EQ(r.method, Method::post);
  EXPECT_EQ(r.path, "/report/x");
  EXPECT_EQ(r.query, std::vector<std::string>{"c=radio"});
  EXPECT_EQ(r.content_format, uint16_t{60});
  EXPECT_EQ(std::string(r.payload.begin(), r.payload.end()), "hello");

  listener.accept_device_requests = false;
  EXPECT_NE(coap_client({"-m", "put", "-e", "x", uri("/other")}).find("4.03"), std::string::npos);
  EXPECT_NE(coap_client({"-m", "get", uri("/other")}).find("4.04"), std::string::npos);
}

TEST_F(RdTest, ADeviceRequestFromNoRegisteredHostHasNoEndpoint) {
  post_registration("ep=box-1&base=coap://10.9.9.9:5683", "</a>");
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; }));
  coap_client({"-m", "post", "-e", "x", uri("/report")});
  ASSERT_TRUE(listener.wait([&] { return listener.device_requests.size() == 1; }));
  EXPECT_EQ(listener.device_requests[0].endpoint, "");
}

}  // namespace
}  // namespace tc::gw::test
