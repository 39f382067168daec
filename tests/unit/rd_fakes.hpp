// Test doubles for the device's CoAP clients (runtime/rd): a transport that records what is sent,
// a predictable random source, and builders for the peer's answers.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "coap/builder.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/transport.hpp"

namespace tc::rd::test {

inline coap::Endpoint endpoint(uint8_t last, uint16_t port) {
  const std::array<uint8_t, 4> a{192, 0, 2, last};
  return *coap::Endpoint::from(a, port);
}

struct Sent {
  coap::Endpoint to;
  std::vector<uint8_t> bytes;

  // The datagram parsed; the views point into `bytes`.
  [[nodiscard]] coap::Message message() const {
    coap::Message m;
    EXPECT_EQ(coap::parse(bytes, m), coap::ParseReason::ok);
    return m;
  }
};

class RecordingTransport final : public coap::Transport {
 public:
  Status send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) override {
    sent.push_back({peer, {datagram.begin(), datagram.end()}});
    return Status::Ok();
  }
  [[nodiscard]] const Sent& last() const { return sent.back(); }
  std::vector<Sent> sent;
};

// Returns `value` every time: the first timeout is then exactly ack_timeout x (1000 + value %
// spread) / 1000, and back-off jitter predictable.
class FixedRandom final : public coap::Random {
 public:
  uint32_t next() override { return value; }
  uint32_t value = 0;
};

// The texts of all options with `number`, in order.
inline std::vector<std::string> options(const coap::Message& m, coap::OptionNumber number) {
  std::vector<std::string> out;
  for (const coap::Option& o : m.all(number))
    out.emplace_back(o.text());
  return out;
}

// A datagram answering `request`: by default a piggybacked ACK with its message id and token.
struct AnswerSpec {
  coap::Type type = coap::Type::acknowledgement;
  coap::Code code = coap::Code::changed;
  std::optional<uint16_t> message_id{};         // default: the request's
  std::optional<std::vector<uint8_t>> token{};  // default: the request's
  std::vector<std::string> location{};
  std::vector<uint8_t> payload{};
  std::optional<uint16_t> extra_option{};  // an option number with an empty value
};

inline std::vector<uint8_t> answer(const coap::Message& request, const AnswerSpec& spec = {}) {
  std::array<uint8_t, 256> storage{};
  coap::MessageBuilder b(spec.type, spec.code, spec.message_id.value_or(request.message_id),
                         storage);
  if (spec.code != coap::Code::empty) {
    const std::vector<uint8_t> request_token(request.token.bytes().begin(),
                                             request.token.bytes().end());
    b.token(spec.token.value_or(request_token));
  }
  for (const std::string& segment : spec.location)
    b.option(coap::OptionNumber::location_path, segment);
  if (spec.extra_option) b.empty_option(static_cast<coap::OptionNumber>(*spec.extra_option));
  if (!spec.payload.empty()) b.payload(spec.payload);
  std::array<uint8_t, 512> out{};
  const Result<std::size_t> n = b.serialize(out);
  EXPECT_TRUE(n.ok());
  return {out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n.ok() ? *n : 0)};
}

}  // namespace tc::rd::test
