// DeviceLink::send() and the /events observation against real peers: libcoap's
// coap-server-notls, a real tc-device, and scripted UDP peers for the exchanges a well-behaved
// server seldom produces on demand (separate responses, resets, silence, deregistration).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <future>
#include <mutex>

#include "coap/message.hpp"
#include "gateway_coap_support.hpp"

namespace tc::gw::test {
namespace {

using std::chrono::milliseconds;
using SendTest = GatewayTest;

CoapRequest get(std::string path, milliseconds timeout = milliseconds(5000)) {
  CoapRequest request;
  request.path = std::move(path);
  request.timeout = timeout;
  return request;
}

std::optional<coap::Message> parsed(std::span<const uint8_t> datagram) {
  coap::Message message;
  if (coap::parse(datagram, message) != coap::ParseReason::ok) return std::nullopt;
  return message;
}

// coap-server-notls on a free port, once it answers.
class LibcoapServer {
 public:
  explicit LibcoapServer(DeviceLink& link)
      : port_(free_udp_port()),
        process_({"coap-server-notls", "-A", "127.0.0.1", "-p", std::to_string(port_), "-d", "4"}) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (send_and_wait(link, address(), get("/", milliseconds(200))).ok()) return;
    }
    ADD_FAILURE() << "coap-server-notls does not answer on " << address();
  }
  [[nodiscard]] std::string address() const { return "coap://127.0.0.1:" + std::to_string(port_); }

 private:
  uint16_t port_;
  Subprocess process_;
};

TEST_F(SendTest, TalksToLibcoapServer) {
  const LibcoapServer server(gateway);
  const CoapOutcome root = send_and_wait(gateway, server.address(), get("/"));
  ASSERT_TRUE(root.ok()) << root.message;
  EXPECT_EQ(root.reply.code, 0x45);
  EXPECT_NE(std::string(root.reply.payload.begin(), root.reply.payload.end()).find("libcoap"),
            std::string::npos);

  const CoapOutcome missing = send_and_wait(gateway, server.address(), get("/no/such/thing"));
  ASSERT_TRUE(missing.ok()) << missing.message;
  EXPECT_EQ(missing.reply.code_text(), "4.04");

  // A body of several blocks both ways: PUT creates a resource (Block1), GET reads it (Block2).
  std::vector<uint8_t> body(5000);
  for (std::size_t i = 0; i < body.size(); ++i)
    body[i] = static_cast<uint8_t>(i % 251);
  CoapRequest put;
  put.method = Method::put;
  put.path = "/big";
  put.content_format = kFormatOctets;
  put.payload = body;
  const CoapOutcome created = send_and_wait(gateway, server.address(), put);
  ASSERT_TRUE(created.ok()) << created.message;
  EXPECT_EQ(created.reply.code_text(), "2.01");
  const CoapOutcome read = send_and_wait(gateway, server.address(), get("/big"));
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(read.reply.code, 0x45);
  EXPECT_EQ(read.reply.payload, body);
}

TEST_F(SendTest, NothingListeningIsUnreachable) {
  const CoapOutcome o =
      send_and_wait(gateway, "coap://127.0.0.1:" + std::to_string(free_udp_port()), get("/"));
  EXPECT_EQ(o.failure, CoapFailure::unreachable) << o.message;
  EXPECT_NE(o.message.find("not reachable"), std::string::npos) << o.message;
}

TEST_F(SendTest, BadRequestsFailLocally) {
  const CoapOutcome name = send_and_wait(gateway, "coap://device.local:5683", get("/"));
  EXPECT_EQ(name.failure, CoapFailure::local);
  EXPECT_NE(name.message.find("bad device address"), std::string::npos) << name.message;
  const CoapOutcome segment =
      send_and_wait(gateway, "coap://127.0.0.1:9", get("/" + std::string(300, 'x')));
  EXPECT_EQ(segment.failure, CoapFailure::local);
  EXPECT_NE(segment.message.find("255 bytes"), std::string::npos) << segment.message;
}

TEST_F(SendTest, SilenceTimesOutAfterTheRequestsTimeout) {
  const ScriptedPeer silent(
      [](std::span<const uint8_t>) { return std::vector<std::vector<uint8_t>>{}; });
  const CoapOutcome o = send_and_wait(gateway, silent.address(), get("/x", milliseconds(300)));
  EXPECT_EQ(o.failure, CoapFailure::timeout);
  EXPECT_NE(o.message.find("no answer within 300 ms"), std::string::npos) << o.message;
  EXPECT_GE(silent.received(), 1u);
}

TEST_F(SendTest, AResetIsUnreachable) {
  const ScriptedPeer resetting([](std::span<const uint8_t> datagram) {
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request) return std::vector<std::vector<uint8_t>>{};
    Datagram reset;
    reset.type = coap::Type::reset;
    reset.code = 0;
    reset.message_id = request->message_id;
    return std::vector<std::vector<uint8_t>>{encode(reset)};
  });
  const CoapOutcome o = send_and_wait(gateway, resetting.address(), get("/x"));
  EXPECT_EQ(o.failure, CoapFailure::unreachable) << o.message;
  EXPECT_NE(o.message.find("reset"), std::string::npos) << o.message;
}

TEST_F(SendTest, ASeparateResponseCompletesTheRequest) {
  const ScriptedPeer separate([](std::span<const uint8_t> datagram) {
    std::vector<std::vector<uint8_t>> out;
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request || request->type != coap::Type::confirmable ||
        request->code == coap::Code::empty) {
      return out;  // our ACK of the separate response
    }
    Datagram empty_ack;
    empty_ack.code = 0;
    empty_ack.message_id = request->message_id;
    out.push_back(encode(empty_ack));
    Datagram later = answer_to(*request, 0x45);
    later.type = coap::Type::confirmable;
    later.message_id = static_cast<uint16_t>(request->message_id + 0x4000);
    later.options = {{12, uint_value(60)}};
    later.payload = {0xa1, 0x61, 'x', 0x01};
    out.push_back(encode(later));
    return out;
  });
  const CoapOutcome o = send_and_wait(gateway, separate.address(), get("/c/app/x/state"));
  ASSERT_TRUE(o.ok()) << o.message;
  EXPECT_EQ(o.reply.code, 0x45);
  EXPECT_EQ(o.reply.content_format, uint16_t{60});
  EXPECT_EQ(o.reply.payload, (std::vector<uint8_t>{0xa1, 0x61, 'x', 0x01}));
}

TEST_F(SendTest, RequestOptionsAndBodyArriveAsSent) {
  std::mutex mutex;
  std::vector<std::string> seen;
  const ScriptedPeer echo([&](std::span<const uint8_t> datagram) {
    std::vector<std::vector<uint8_t>> out;
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request) return out;
    {
      const std::lock_guard guard(mutex);
      for (const coap::Option& option : request->options()) {
        seen.push_back(std::to_string(coap::to_u16(option.number)) + ":" +
                       std::string(option.text()));
      }
      seen.push_back("code:" + std::to_string(static_cast<int>(request->code)));
      seen.emplace_back(reinterpret_cast<const char*>(request->payload.data()),
                        request->payload.size());
    }
    out.push_back(encode(answer_to(*request, 0x44)));
    return out;
  });
  CoapRequest request;
  request.method = Method::post;
  request.path = "/c/app/x/led";
  request.query = {"a=1", "b"};
  request.content_format = 0;
  request.payload = {'o', 'n'};
  const CoapOutcome o = send_and_wait(gateway, echo.address(), request);
  ASSERT_TRUE(o.ok()) << o.message;
  EXPECT_EQ(o.reply.code_text(), "2.04");
  const std::lock_guard guard(mutex);
  const std::vector<std::string> expected = {
      "11:c", "11:app", "11:x", "11:led", std::string("12:"), "15:a=1", "15:b", "code:2", "on"};
  EXPECT_EQ(seen, expected);
}

// A device that accepts one observation of /events and lets the test notify.
class ObservablePeer {
 public:
  ObservablePeer()
      : peer_([this](std::span<const uint8_t> datagram) { return on_datagram(datagram); }) {}

  [[nodiscard]] std::string address() const { return peer_.address(); }
  void notify(uint32_t sequence, std::vector<uint8_t> cbor) {
    Datagram n;
    n.type = coap::Type::confirmable;
    n.message_id = static_cast<uint16_t>(0x7000 + sequence);
    {
      const std::lock_guard guard(mutex_);
      n.token = token_;
    }
    n.options = {{6, uint_value(sequence)}, {12, uint_value(60)}};
    n.payload = std::move(cbor);
    peer_.send_to_last(encode(n));
  }
  [[nodiscard]] bool deregistered() {
    const std::lock_guard guard(mutex_);
    return deregistered_;
  }
  [[nodiscard]] std::size_t resets() {
    const std::lock_guard guard(mutex_);
    return resets_;
  }
  std::string query;

 private:
  std::vector<std::vector<uint8_t>> on_datagram(std::span<const uint8_t> datagram) {
    std::vector<std::vector<uint8_t>> out;
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request) return out;
    const std::lock_guard guard(mutex_);
    if (request->type == coap::Type::reset) ++resets_;
    if (request->code != coap::Code::get) return out;
    const coap::Option* observe = request->find(coap::OptionNumber::observe);
    const std::span<const uint8_t> token = request->token.bytes();
    Datagram answer = answer_to(*request, 0x45);
    if (observe != nullptr && observe->value.empty()) {  // Observe: 0, register
      token_.assign(token.begin(), token.end());
      for (const coap::Option& q : request->all(coap::OptionNumber::uri_query))
        query = q.text();
      answer.options = {{6, uint_value(1)}, {12, uint_value(60)}};
      answer.payload = {0xa0};
    } else if (observe != nullptr && std::vector<uint8_t>(token.begin(), token.end()) == token_) {
      deregistered_ = true;  // Observe: 1 with the observation's token
    }
    out.push_back(encode(answer));
    return out;
  }

  std::mutex mutex_;
  std::vector<uint8_t> token_;
  bool deregistered_ = false;
  std::size_t resets_ = 0;
  ScriptedPeer peer_;
};

TEST_F(SendTest, ObservesEventsAndDeregisters) {
  ObservablePeer device;
  gateway.observe_events("box-1", device.address(), 12);
  ASSERT_TRUE(listener.wait([&] { return listener.events.size() == 1; }));
  EXPECT_EQ(listener.events[0].first, "box-1");
  EXPECT_EQ(listener.events[0].second, std::vector<uint8_t>{0xa0});
  EXPECT_EQ(device.query, "from=12");

  device.notify(2, {0xa1, 0x01, 0x02});
  ASSERT_TRUE(listener.wait([&] { return listener.events.size() == 2; }));
  EXPECT_EQ(listener.events[1].second, (std::vector<uint8_t>{0xa1, 0x01, 0x02}));

  gateway.cancel_events("box-1");
  ASSERT_TRUE(eventually([&] { return device.deregistered(); }));
  // A notification after the cancellation is refused with a reset (RFC 7641 3.6).
  device.notify(3, {0xa0});
  ASSERT_TRUE(eventually([&] { return device.resets() >= 1; }));
  const auto lock = listener.lock();
  EXPECT_EQ(listener.events.size(), 2u);
  EXPECT_TRUE(listener.events_ended.empty()) << "a cancellation the gateway asked for is silent";
}

TEST_F(SendTest, AnErrorAnswerEndsTheObservation) {
  const ScriptedPeer refusing([](std::span<const uint8_t> datagram) {
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request || request->code != coap::Code::get) return std::vector<std::vector<uint8_t>>{};
    return std::vector<std::vector<uint8_t>>{encode(answer_to(*request, 0x84))};
  });
  gateway.observe_events("box-2", refusing.address(), 0);
  ASSERT_TRUE(listener.wait([&] { return listener.events_ended.size() == 1; }));
  EXPECT_EQ(listener.events_ended[0].first, "box-2");
  EXPECT_NE(listener.events_ended[0].second.find("4.04"), std::string::npos)
      << listener.events_ended[0].second;
  EXPECT_TRUE(listener.events.empty());
}

TEST_F(SendTest, AnUnreachableObservationEnds) {
  gateway.observe_events("box-3", "coap://127.0.0.1:" + std::to_string(free_udp_port()), 0);
  ASSERT_TRUE(listener.wait([&] { return listener.events_ended.size() == 1; }));
  EXPECT_NE(listener.events_ended[0].second.find("not reachable"), std::string::npos);
  gateway.observe_events("box-4", "coap://nowhere", 0);
  ASSERT_TRUE(listener.wait([&] { return listener.events_ended.size() == 2; }));
  EXPECT_NE(listener.events_ended[1].second.find("bad device address"), std::string::npos);
}

TEST(CoapGatewayObserve, AnUnansweredObservationEnds) {
  RecordingListener listener;
  MapBlobSource blobs;
  CoapGateway gateway({.listen = "127.0.0.1:0", .observe_timeout = milliseconds(300)}, listener,
                      blobs);
  ASSERT_EQ(gateway.start(), "");
  const ScriptedPeer silent(
      [](std::span<const uint8_t>) { return std::vector<std::vector<uint8_t>>{}; });
  gateway.observe_events("box-5", silent.address(), 0);
  ASSERT_TRUE(listener.wait([&] { return listener.events_ended.size() == 1; }));
  EXPECT_EQ(listener.events_ended[0].first, "box-5");
  EXPECT_NE(listener.events_ended[0].second.find("no answer within 300 ms"), std::string::npos)
      << listener.events_ended[0].second;
}

// A real tc-device (the native port) in a fresh state directory.
class NativeDevice {
 public:
  NativeDevice()
      : state_(std::filesystem::temp_directory_path() /
               ("gateway_coap_device_" + std::to_string(::getpid()))),
        process_({std::string(TC_BINARY_DIR) + "/ports/native/tc-device", "--profile",
                  std::string(TC_SOURCE_DIR) + "/tests/data/boards/smartdronebox.json", "--listen",
                  "127.0.0.1:0", "--state", state_.string(), "--insecure"}) {
    const std::optional<std::string> listening = process_.wait_for_line("listening on ");
    if (listening) address_ = "coap://" + *listening;
  }
  ~NativeDevice() {
    std::error_code ignored;
    std::filesystem::remove_all(state_, ignored);
  }
  NativeDevice(const NativeDevice&) = delete;
  NativeDevice& operator=(const NativeDevice&) = delete;

  [[nodiscard]] const std::string& address() const { return address_; }

 private:
  std::filesystem::path state_;
  Subprocess process_;
  std::string address_;
};

TEST_F(SendTest, TalksToARealDevice) {
  const NativeDevice device;
  ASSERT_FALSE(device.address().empty()) << "tc-device did not say where it listens";
  const CoapOutcome info = send_and_wait(gateway, device.address(), get("/dev"));
  ASSERT_TRUE(info.ok()) << info.message;
  EXPECT_EQ(info.reply.code, 0x45);
  EXPECT_EQ(info.reply.content_format, kFormatCbor);
  EXPECT_FALSE(info.reply.payload.empty());

  gateway.observe_events("box-1", device.address(), 0);
  ASSERT_TRUE(listener.wait([&] { return !listener.events.empty(); }));
  const std::size_t before = [&] {
    const auto lock = listener.lock();
    return listener.events.size();
  }();
  // An install the device refuses is an event (install_refused) and thus a notification.
  CoapRequest install;
  install.method = Method::post;
  install.path = "/c";
  install.content_format = kFormatCbor;
  install.payload = {0x82, 0x41, 0x00, 0x41, 0x00};  // [h'00', h'00']: no image, no manifest
  const CoapOutcome refused = send_and_wait(gateway, device.address(), install);
  ASSERT_TRUE(refused.ok()) << refused.message;
  EXPECT_EQ(refused.reply.code >> 5, 4) << refused.reply.code_text();
  EXPECT_TRUE(listener.wait([&] { return listener.events.size() > before; }));
  gateway.cancel_events("box-1");
}

TEST_F(SendTest, StopCompletesWhatIsPending) {
  const ScriptedPeer silent(
      [](std::span<const uint8_t>) { return std::vector<std::vector<uint8_t>>{}; });
  auto outcome = std::make_shared<std::promise<CoapOutcome>>();
  gateway.send(silent.address(), get("/x", milliseconds(60000)),
               [outcome](CoapOutcome o) { outcome->set_value(std::move(o)); });
  ASSERT_TRUE(eventually([&] { return silent.received() >= 1; }));
  gateway.stop();
  auto future = outcome->get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  const CoapOutcome o = future.get();
  EXPECT_EQ(o.failure, CoapFailure::local);
  EXPECT_EQ(o.message, "shutting down");
  const CoapOutcome after = send_and_wait(gateway, silent.address(), get("/x"));
  EXPECT_EQ(after.failure, CoapFailure::local);
  EXPECT_NE(after.message.find("not running"), std::string::npos);
}

TEST(CoapGatewayStart, ReportsABusyPort) {
  RecordingListener listener;
  MapBlobSource blobs;
  CoapGateway first({.listen = "127.0.0.1:0"}, listener, blobs);
  ASSERT_EQ(first.start(), "");
  CoapGateway second({.listen = "127.0.0.1:" + std::to_string(first.port())}, listener, blobs);
  const std::string error = second.start();
  EXPECT_NE(error.find("cannot listen on 127.0.0.1:"), std::string::npos) << error;
  CoapGateway bad({.listen = "127.0.0.1"}, listener, blobs);
  EXPECT_NE(bad.start().find("bad listen address"), std::string::npos);
}

TEST(CoapGatewayBlobUri, UsesTheRouteToTheDeviceForAWildcardListen) {
  RecordingListener listener;
  MapBlobSource blobs;
  CoapGateway wildcard({.listen = "0.0.0.0:0"}, listener, blobs);
  ASSERT_EQ(wildcard.start(), "");
  const std::string port = std::to_string(wildcard.port());
  EXPECT_EQ(wildcard.blob_uri("coap://127.0.0.1:5701", "ab12"),
            "coap://127.0.0.1:" + port + "/b/ab12");
  CoapGateway fixed({.listen = "127.0.0.1:0"}, listener, blobs);
  ASSERT_EQ(fixed.start(), "");
  EXPECT_EQ(fixed.blob_uri("coap://10.1.2.3:5683", "a b"),
            "coap://127.0.0.1:" + std::to_string(fixed.port()) + "/b/a%20b");
}

}  // namespace
}  // namespace tc::gw::test
