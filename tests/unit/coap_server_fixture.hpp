// Shared by the coap_server_*_test.cpp files: a fake transport that records datagrams, a fixed
// random source, a manual clock, and request builders.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "coap/accessors.hpp"
#include "coap/builder.hpp"
#include "coap/server.hpp"

namespace tc::coap::testing {

struct Sent {
  Endpoint peer;
  std::vector<uint8_t> bytes;
};

class FakeTransport final : public Transport {
 public:
  Status send(const Endpoint& peer, std::span<const uint8_t> datagram) override {
    sent.push_back({peer, {datagram.begin(), datagram.end()}});
    return Status::Ok();
  }
  std::vector<Sent> sent;
};

class FakeRandom final : public Random {
 public:
  uint32_t next() override { return value; }
  uint32_t value = 0;
};

// A handler from a lambda (test code may use std::function).
class FnHandler final : public Handler {
 public:
  using Fn = std::function<void(const Request&, Response&)>;
  explicit FnHandler(Fn fn) : fn_(std::move(fn)) {}
  void handle(const Request& request, Response& response) override {
    ++calls;
    fn_(request, response);
  }
  int calls = 0;

 private:
  Fn fn_;
};

inline Endpoint peer(uint8_t last, uint16_t port = 5683) {
  const uint8_t address[4] = {127, 0, 0, last};
  return *Endpoint::from(address, port);
}

inline std::vector<uint8_t> datagram(const MessageBuilder& b) {
  std::vector<uint8_t> out(2048);
  const Result<std::size_t> n = b.serialize(out);
  EXPECT_TRUE(n.ok());
  out.resize(n.ok() ? *n : 0);
  return out;
}

inline std::string text(std::span<const uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

inline std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// A parsed copy of a sent datagram (owns the bytes).
struct Received {
  std::vector<uint8_t> bytes;
  Message m;

  explicit Received(const std::vector<uint8_t>& b) : bytes(b) {
    EXPECT_EQ(parse(bytes, m), ParseReason::ok);
  }
  Received(const Received& other) : Received(other.bytes) {}
  Received& operator=(const Received& other) {
    if (this != &other) {
      bytes = other.bytes;
      EXPECT_EQ(parse(bytes, m), ParseReason::ok);
    }
    return *this;
  }

  [[nodiscard]] std::string payload() const { return text(m.payload); }
  [[nodiscard]] std::optional<Block> block(OptionNumber n) const {
    const Result<Block> b = get_block(m, n);
    if (!b.ok()) return std::nullopt;
    return *b;
  }
  [[nodiscard]] std::optional<uint32_t> uint(OptionNumber n) const {
    const Result<uint32_t> v = get_uint(m, n);
    if (!v.ok()) return std::nullopt;
    return *v;
  }
};

using Customize = std::function<void(MessageBuilder&)>;

class ServerTest : public ::testing::Test {
 protected:
  static constexpr Capacities kCaps{.resources = 16,
                                    .dedup = 8,
                                    .outbox = 4,
                                    .observers = 4,
                                    .deferred = 2,
                                    .transfers = 1,
                                    .transfer_bytes = 8192,
                                    .max_szx = 6};

  explicit ServerTest(ServerConfig config = {})
      : server(memory.view(), transport, random, config) {}

  ResourceId add(Resource r) {
    const Result<ResourceId> id = server.add_resource(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }

  // Sends a request and returns every datagram the server sent in reaction.
  std::vector<Received> send(Type type, Code code, uint16_t mid, std::string_view path,
                             const Customize& customize = {}, const Endpoint& from = peer(1)) {
    uint8_t storage[512];
    MessageBuilder b(type, code, mid, storage);
    b.token(bytes_of("tk")).path(path);
    if (customize) customize(b);
    return deliver(datagram(b), from);
  }

  std::vector<Received> deliver(const std::vector<uint8_t>& bytes, const Endpoint& from = peer(1)) {
    const std::size_t before = transport.sent.size();
    server.receive(from, bytes, now);
    return since(before);
  }

  std::vector<Received> poll_at(uint64_t t) {
    now = t;
    const std::size_t before = transport.sent.size();
    server.poll(now);
    return since(before);
  }

  std::vector<Received> since(std::size_t before) {
    std::vector<Received> out;
    for (std::size_t i = before; i < transport.sent.size(); ++i)
      out.emplace_back(transport.sent[i].bytes);
    return out;
  }

  std::vector<Received> get(std::string_view path, const Customize& customize = {}) {
    return send(Type::confirmable, Code::get, next_mid++, path, customize);
  }

  // An empty ACK or RST for message id `mid`.
  std::vector<Received> empty(Type type, uint16_t mid, const Endpoint& from = peer(1)) {
    MessageBuilder b(type, Code::empty, mid, {});
    return deliver(datagram(b), from);
  }

  StaticServerMemory<kCaps> memory;
  FakeTransport transport;
  FakeRandom random;
  Server server;
  uint64_t now = 1000;
  uint16_t next_mid = 0x100;
};

}  // namespace tc::coap::testing
