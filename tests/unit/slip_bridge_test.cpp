// The host side of CoAP over SLIP (gateway/serial): the serial address syntax, the reply routing
// between several UDP clients and one serial line, and SerialLink against a real local TCP
// listener standing in for QEMU's serial socket.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "coap/builder.hpp"
#include "reply_router.hpp"
#include "serial_address.hpp"
#include "serial_link.hpp"
#include "slip/encoder.hpp"

namespace tc::test {
namespace {

using Bytes = std::vector<uint8_t>;
using gw::serial::parse_serial_address;

TEST(SerialAddress, TcpHostPort) {
  const auto p = parse_serial_address("tcp:127.0.0.1:5555");
  ASSERT_TRUE(p.address) << p.error;
  EXPECT_EQ(p.address->host, "127.0.0.1");
  EXPECT_EQ(p.address->port, 5555);
  const auto local = parse_serial_address("tcp:localhost:1");
  ASSERT_TRUE(local.address) << local.error;
  EXPECT_EQ(local.address->host, "127.0.0.1");
}

TEST(SerialAddress, RefusesWhatItCannotReach) {
  for (const char* bad : {"", "127.0.0.1:5555", "udp:127.0.0.1:5555", "tcp:127.0.0.1", "tcp::5555",
                          "tcp:example.org:5555", "tcp:127.0.0.1:0", "tcp:127.0.0.1:65536",
                          "tcp:127.0.0.1:55x", "tcp:127.0.0.1:"}) {
    const auto p = parse_serial_address(bad);
    EXPECT_FALSE(p.address) << bad;
    EXPECT_FALSE(p.error.empty()) << bad;
  }
}

coap::Endpoint client(uint16_t port) {
  const std::array<uint8_t, 4> loopback{127, 0, 0, 1};
  return coap::Endpoint::from(loopback, port).value();
}

// A CoAP message with this type, code, message id and token (built with the runtime's builder).
Bytes message(coap::Type type, coap::Code code, uint16_t id, Bytes token) {
  std::array<uint8_t, 16> storage{};
  coap::MessageBuilder b(type, code, id, storage);
  b.token(token);
  std::array<uint8_t, 64> out{};
  const Result<std::size_t> n = b.serialize(out);
  EXPECT_TRUE(n.ok());
  return {out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n.ok() ? *n : 0)};
}

TEST(ReplyRouter, NobodyBeforeAnyClientSpoke) {
  const gw::serial::ReplyRouter router;
  EXPECT_FALSE(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 1, {})));
}

TEST(ReplyRouter, AcksGoToTheSenderOfTheMessageId) {
  gw::serial::ReplyRouter router;
  router.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 7, {1}));
  router.from_client(client(2000), message(coap::Type::confirmable, coap::Code::get, 8, {2}));
  EXPECT_EQ(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 7, {1})),
            client(1000));
  EXPECT_EQ(router.to_client(message(coap::Type::reset, coap::Code::empty, 8, {})), client(2000));
}

TEST(ReplyRouter, SeparateResponsesAndNotificationsGoByToken) {
  gw::serial::ReplyRouter router;
  router.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 7, {0xAA}));
  router.from_client(client(2000), message(coap::Type::confirmable, coap::Code::get, 9, {0xBB}));
  // The device's own message ids mean nothing to the router; the token does.
  EXPECT_EQ(router.to_client(message(coap::Type::confirmable, coap::Code::content, 7, {0xBB})),
            client(2000));
  EXPECT_EQ(router.to_client(message(coap::Type::non_confirmable, coap::Code::content, 1, {0xAA})),
            client(1000));
}

TEST(ReplyRouter, UnknownKeysGoToTheLastClient) {
  gw::serial::ReplyRouter router;
  router.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 7, {1}));
  router.from_client(client(2000), message(coap::Type::acknowledgement, coap::Code::empty, 3, {}));
  EXPECT_EQ(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 99, {})),
            client(2000));
  EXPECT_EQ(router.to_client(Bytes{0x40}), client(2000));  // not even a header
}

TEST(ReplyRouter, ForgetsTheOldestKeysBeyondItsCapacity) {
  gw::serial::ReplyRouter router(std::nullopt, 2);  // two keys: a request is an id and a token
  router.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 1, {1}));
  router.from_client(client(2000), message(coap::Type::confirmable, coap::Code::get, 2, {2}));
  router.from_client(client(3000), message(coap::Type::acknowledgement, coap::Code::empty, 5, {}));
  // Message id 1 is forgotten: the ACK falls back to the last client heard from.
  EXPECT_EQ(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 1, {1})),
            client(3000));
  EXPECT_EQ(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 2, {2})),
            client(2000));
}

TEST(ReplyRouter, TheDevicesOwnRequestsGoUpstreamOrNowhere) {
  gw::serial::ReplyRouter alone;
  alone.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 7, {1}));
  // A registration with a reused token is still not an answer to the client.
  EXPECT_FALSE(alone.to_client(message(coap::Type::confirmable, coap::Code::post, 40, {1})));
  gw::serial::ReplyRouter router(client(5683));
  router.from_client(client(1000), message(coap::Type::confirmable, coap::Code::get, 7, {1}));
  EXPECT_EQ(router.to_client(message(coap::Type::confirmable, coap::Code::post, 40, {9})),
            client(5683));
  EXPECT_EQ(router.to_client(message(coap::Type::non_confirmable, coap::Code::put, 41, {9})),
            client(5683));
  // The directory's answer reaches the device, and the directory does not become the client.
  router.from_client(client(5683),
                     message(coap::Type::acknowledgement, coap::Code::created, 40, {9}));
  EXPECT_EQ(router.to_client(message(coap::Type::acknowledgement, coap::Code::content, 99, {})),
            client(1000));
}

// A TCP listener on 127.0.0.1 standing in for QEMU's -serial tcp:...,server.
class FakeSerialPort {
 public:
  FakeSerialPort() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&a), len), 0);
    EXPECT_EQ(::listen(listener_, 1), 0);
    EXPECT_EQ(::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len), 0);
    port_ = ntohs(a.sin_port);
  }
  ~FakeSerialPort() {
    if (peer_ >= 0) ::close(peer_);
    ::close(listener_);
  }
  FakeSerialPort(const FakeSerialPort&) = delete;
  FakeSerialPort& operator=(const FakeSerialPort&) = delete;

  [[nodiscard]] uint16_t port() const { return port_; }
  void accept() { peer_ = ::accept(listener_, nullptr, nullptr); }
  void write(const Bytes& bytes) const {
    EXPECT_EQ(::write(peer_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  Bytes read(std::size_t n) const {
    Bytes out(n);
    std::size_t got = 0;
    while (got < n) {
      const ssize_t r = ::read(peer_, out.data() + got, n - got);
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return out;
  }
  void close_peer() {
    ::close(peer_);
    peer_ = -1;
  }

 private:
  int listener_ = -1;
  int peer_ = -1;
  uint16_t port_ = 0;
};

Bytes encoded(const Bytes& frame) {
  Bytes out(slip::encoded_size(frame));
  EXPECT_TRUE(slip::encode(frame, out).ok());
  return out;
}

// Waits (bounded, against hanging) until the link's socket is readable, then receives.
std::vector<Bytes> receive_frames(gw::serial::SerialLink& link, std::size_t wanted, bool& open) {
  std::vector<Bytes> frames;
  open = true;
  for (int i = 0; i < 100 && open && frames.size() < wanted; ++i) {
    pollfd p{link.fd(), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    open =
        link.receive([&](std::span<const uint8_t> f) { frames.emplace_back(f.begin(), f.end()); });
  }
  return frames;
}

TEST(SerialLink, FramesBothWaysOverTcp) {
  FakeSerialPort port;
  std::string error;
  auto link = gw::serial::SerialLink::connect({"127.0.0.1", port.port()}, 5000, error);
  ASSERT_TRUE(link) << error;
  port.accept();

  const Bytes request{0x40, 0x01, 0xC0, 0xDB};  // END and ESC inside the frame
  ASSERT_TRUE(link->send(request, error)) << error;
  EXPECT_EQ(port.read(encoded(request).size()), encoded(request));

  // Two frames split across writes at awkward places (inside an escape).
  Bytes stream = encoded({0x60, 0x45, 0xC0});
  const Bytes second = encoded({0x61});
  stream.insert(stream.end(), second.begin(), second.end());
  port.write(Bytes(stream.begin(), stream.begin() + 3));
  port.write(Bytes(stream.begin() + 3, stream.end()));
  bool open = false;
  EXPECT_EQ(receive_frames(*link, 2, open), (std::vector<Bytes>{{0x60, 0x45, 0xC0}, {0x61}}));
  EXPECT_TRUE(open);
  EXPECT_EQ(link->stats().frames, 2u);

  port.close_peer();
  EXPECT_TRUE(receive_frames(*link, 1, open).empty());
  EXPECT_FALSE(open);
}

TEST(SerialLink, ConnectGivesUpWhenNobodyListens) {
  uint16_t closed_port = 0;
  {
    const FakeSerialPort gone;  // a port that was just free
    closed_port = gone.port();
  }
  std::string error;
  EXPECT_FALSE(gw::serial::SerialLink::connect({"127.0.0.1", closed_port}, 200, error));
  EXPECT_NE(error.find("connect"), std::string::npos) << error;
}

TEST(SerialLink, RefusesAFrameLargerThanTheLineTakes) {
  FakeSerialPort port;
  std::string error;
  auto link = gw::serial::SerialLink::connect({"127.0.0.1", port.port()}, 5000, error);
  ASSERT_TRUE(link) << error;
  EXPECT_FALSE(link->send(Bytes(gw::serial::kMaxFrame + 1, 0x01), error));
  EXPECT_NE(error.find("larger"), std::string::npos) << error;
}

}  // namespace
}  // namespace tc::test
