// The uplink of remote endpoints (runtime/rd/uplink.hpp) against a recording transport: what a
// container's write becomes on the wire, the queue, and each kind of answer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rd/uplink.hpp"
#include "rd_fakes.hpp"

namespace tc::rd::test {
namespace {

using coap::Code;
using coap::OptionNumber;
using coap::Type;

class RdUplink : public ::testing::Test {
 protected:
  RdUplink() {
    config.gateway = gateway;
    config.timing = {.ack_timeout_ms = 1000,
                     .random_permille = 1000,
                     .max_retransmit = 2,
                     .separate_timeout_ms = 5000};
  }
  CoapUplink& make() {
    uplink = std::make_unique<CoapUplink>(transport, random, config);
    return *uplink;
  }
  Status post(std::string_view uri, std::string_view payload = "\xa1\x61n\x01",
              std::string_view container = "radio-mapper") {
    return uplink->post(uri, container,
                        {reinterpret_cast<const uint8_t*>(payload.data()), payload.size()});
  }

  const coap::Endpoint gateway = endpoint(1, 5683);
  RecordingTransport transport;
  FixedRandom random;
  UplinkConfig config;
  std::unique_ptr<CoapUplink> uplink;
};

TEST_F(RdUplink, ReachesTheGatewayIpv4LiteralsAndLocalhostOnly) {
  CoapUplink& u = make();
  EXPECT_TRUE(u.reaches("coap://gateway/citymaps/coverage"));
  EXPECT_TRUE(u.reaches("coap://GATEWAY:9999/x"));
  EXPECT_TRUE(u.reaches("coap://192.0.2.9:7000/x"));
  EXPECT_TRUE(u.reaches("coap://localhost/x"));
  EXPECT_FALSE(u.reaches("coap://gateway.local/x"));  // a name the device cannot resolve
  EXPECT_FALSE(u.reaches("coaps://gateway/x"));
  EXPECT_FALSE(u.reaches("http://gateway/x"));
  EXPECT_EQ(post("coap://example.com/x").code(), StatusCode::invalid_argument);

  config.gateway.reset();  // a device started without --gateway
  CoapUplink& alone = make();
  EXPECT_FALSE(alone.reaches("coap://gateway/x"));
  EXPECT_TRUE(alone.reaches("coap://192.0.2.9/x"));
}

TEST_F(RdUplink, AWriteIsAConfirmablePostWithTheContainerAndCbor) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://gateway:1234/citymaps/coverage").ok());
  EXPECT_TRUE(transport.sent.empty());  // post() never sends: poll() does
  EXPECT_EQ(u.pending(), 1u);
  EXPECT_EQ(u.next_deadline(), 0u);
  u.poll(0);
  ASSERT_EQ(transport.sent.size(), 1u);
  EXPECT_EQ(transport.last().to, gateway);  // "gateway": its registered address, whatever port
  const coap::Message m = transport.last().message();
  EXPECT_EQ(m.type, Type::confirmable);
  EXPECT_EQ(m.code, Code::post);
  EXPECT_EQ(options(m, OptionNumber::uri_path), (std::vector<std::string>{"citymaps", "coverage"}));
  EXPECT_EQ(options(m, OptionNumber::uri_query), std::vector<std::string>{"c=radio-mapper"});
  EXPECT_FALSE(m.has(OptionNumber::uri_host));
  const coap::Option* format = m.find(OptionNumber::content_format);
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->value[0], 60);
  EXPECT_EQ(std::string(m.payload.begin(), m.payload.end()), "\xa1\x61n\x01");

  EXPECT_TRUE(u.on_datagram(gateway, answer(m, {.code = Code::changed}), 5));
  EXPECT_EQ(u.stats().delivered, 1u);
  EXPECT_EQ(u.pending(), 0u);
  EXPECT_EQ(u.next_deadline(), std::nullopt);
}

TEST_F(RdUplink, Ipv4LiteralsAreSentAsGiven) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://192.0.2.9:7000/a").ok());
  ASSERT_TRUE(post("coap://192.0.2.9/b").ok());
  u.poll(0);
  EXPECT_EQ(transport.last().to, endpoint(9, 7000));
  EXPECT_TRUE(u.on_datagram(endpoint(9, 7000), answer(transport.last().message()), 1));
  // The next write leaves as soon as the first is answered.
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.last().to, endpoint(9, 5683));
}

TEST_F(RdUplink, OneAtATimeInOrderAndABoundedQueue) {
  CoapUplink& u = make();
  for (std::size_t i = 0; i < kUplinkQueue; ++i)
    ASSERT_TRUE(post("coap://gateway/q", std::string(1, static_cast<char>('0' + i))).ok());
  EXPECT_EQ(post("coap://gateway/q", "x").code(), StatusCode::resource_exhausted);
  EXPECT_EQ(u.stats().full, 1u);
  u.poll(0);
  std::string order;
  for (std::size_t i = 0; i < kUplinkQueue; ++i) {
    ASSERT_EQ(transport.sent.size(), i + 1);  // NSTART 1: one exchange at a time
    const coap::Message m = transport.last().message();
    order += std::string(m.payload.begin(), m.payload.end());
    if (i == 1) {
      ASSERT_TRUE(post("coap://gateway/q", "4").ok());  // room again
    }
    EXPECT_TRUE(u.on_datagram(gateway, answer(m), 1));
  }
  ASSERT_EQ(transport.sent.size(), kUplinkQueue + 1);
  const coap::Message last = transport.last().message();
  order += std::string(last.payload.begin(), last.payload.end());
  EXPECT_EQ(order, "01234");
  EXPECT_EQ(u.stats().queued, kUplinkQueue + 1);
}

TEST_F(RdUplink, DroppedAfterTheRetransmissions) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://gateway/a", "1").ok());
  ASSERT_TRUE(post("coap://gateway/b", "2").ok());
  u.poll(0);
  u.poll(1000);
  u.poll(3000);
  EXPECT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(u.stats().retransmissions, 2u);
  u.poll(7000);  // given up; the next write goes out
  EXPECT_EQ(u.stats().dropped, 1u);
  ASSERT_EQ(transport.sent.size(), 4u);
  EXPECT_EQ(options(transport.last().message(), OptionNumber::uri_path),
            std::vector<std::string>{"b"});
}

TEST_F(RdUplink, RejectedByAnErrorCodeOrReset) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://gateway/a").ok());
  ASSERT_TRUE(post("coap://gateway/b").ok());
  u.poll(0);
  EXPECT_TRUE(
      u.on_datagram(gateway, answer(transport.last().message(), {.code = Code::forbidden}), 1));
  EXPECT_EQ(u.stats().rejected, 1u);
  EXPECT_EQ(u.last_rejection(), static_cast<uint8_t>(Code::forbidden));
  EXPECT_TRUE(u.on_datagram(
      gateway, answer(transport.last().message(), {.type = Type::reset, .code = Code::empty}), 2));
  EXPECT_EQ(u.stats().rejected, 2u);
  EXPECT_EQ(u.last_rejection(), 0u);
  EXPECT_EQ(u.pending(), 0u);
}

TEST_F(RdUplink, LeavesTheServersDatagramsAlone) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://gateway/a").ok());
  u.poll(0);
  const coap::Message m = transport.last().message();
  const std::size_t sent = transport.sent.size();
  // A request from the gateway to the device's server, an ACK of another message id, our
  // message id with another token, garbage: all the server's, and nothing is answered here.
  EXPECT_FALSE(u.on_datagram(
      gateway, answer(m, {.type = Type::confirmable, .code = Code::get, .message_id = 0x1111}), 1));
  EXPECT_FALSE(u.on_datagram(
      gateway, answer(m, {.message_id = static_cast<uint16_t>(m.message_id + 1)}), 1));
  EXPECT_FALSE(u.on_datagram(gateway, answer(m, {.token = std::vector<uint8_t>{1}}), 1));
  const std::vector<uint8_t> garbage = {0x4f, 0x01};
  EXPECT_FALSE(u.on_datagram(gateway, garbage, 1));
  EXPECT_FALSE(u.on_datagram(endpoint(7, 5683), answer(m), 1));  // another peer
  EXPECT_EQ(transport.sent.size(), sent);
  EXPECT_EQ(u.pending(), 1u);
}

TEST_F(RdUplink, SeparateResponseIsAcknowledged) {
  CoapUplink& u = make();
  ASSERT_TRUE(post("coap://gateway/a").ok());
  u.poll(0);
  const coap::Message m = transport.last().message();
  EXPECT_TRUE(u.on_datagram(gateway, answer(m, {.code = Code::empty}), 1));
  u.poll(2000);
  EXPECT_EQ(transport.sent.size(), 1u);
  EXPECT_TRUE(u.on_datagram(
      gateway, answer(m, {.type = Type::confirmable, .code = Code::changed, .message_id = 0x2222}),
      3));
  EXPECT_EQ(u.stats().delivered, 1u);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.last().message().type, Type::acknowledgement);
  EXPECT_EQ(transport.last().message().message_id, 0x2222);
}

TEST_F(RdUplink, RefusesOversizedWrites) {
  make();
  EXPECT_TRUE(post("coap://gateway/a", std::string(kMaxUplinkPayload, 'x')).ok());
  EXPECT_EQ(post("coap://gateway/a", std::string(kMaxUplinkPayload + 1, 'x')).code(),
            StatusCode::out_of_range);
}

}  // namespace
}  // namespace tc::rd::test
