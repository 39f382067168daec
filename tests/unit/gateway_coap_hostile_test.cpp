// Devices that answer garbage or never answer: every request completes exactly once (timeout or
// bad_response), nothing crashes or leaks (this binary also runs under ASan), and the gateway
// keeps serving well-behaved devices and its resource directory. Then many requests in flight.
#include <gtest/gtest.h>

#include <atomic>
#include <random>

#include "coap/message.hpp"
#include "gateway_coap_support.hpp"

namespace tc::gw::test {
namespace {

using std::chrono::milliseconds;
using Answers = std::vector<std::vector<uint8_t>>;

std::optional<coap::Message> parsed(std::span<const uint8_t> datagram) {
  coap::Message message;
  if (coap::parse(datagram, message) != coap::ParseReason::ok) return std::nullopt;
  return message;
}

// Runs `respond` only for requests: not for the gateway's ACKs, nor for the resets libcoap sends
// back for garbage (a peer that answered those would play ping-pong with it).
ScriptedPeer::Respond for_requests(std::function<Answers(const coap::Message&)> respond) {
  return [respond = std::move(respond)](std::span<const uint8_t> datagram) {
    const std::optional<coap::Message> request = parsed(datagram);
    if (!request || coap::code_class(request->code) != 0 || request->code == coap::Code::empty) {
      return Answers{};
    }
    return respond(*request);
  };
}

Answers one(const Datagram& datagram) {
  return {encode(datagram)};
}

std::vector<uint8_t> block_value(uint32_t num, bool more, uint8_t szx) {
  return uint_value((num << 4) | (more ? 0x08u : 0u) | szx);
}

// The block a request asks for (0 without a Block2 option).
uint32_t requested_block(const coap::Message& request) {
  const coap::Option* block = request.find(coap::OptionNumber::block2);
  if (block == nullptr || block->value.empty()) return 0;
  uint32_t value = 0;
  for (const uint8_t byte : block->value)
    value = (value << 8) | byte;
  return value >> 4;
}

struct Hostile {
  const char* name;
  ScriptedPeer::Respond respond;
};

std::vector<Hostile> hostile_devices() {
  auto random = std::make_shared<std::mt19937>(7);
  return {
      {"silent", [](std::span<const uint8_t>) { return Answers{}; }},
      {"random bytes", for_requests([random](const coap::Message&) {
         std::uniform_int_distribution<int> length(1, 64);
         std::uniform_int_distribution<int> byte(0, 255);
         std::vector<uint8_t> noise(static_cast<std::size_t>(length(*random)));
         for (uint8_t& b : noise)
           b = static_cast<uint8_t>(byte(*random));
         return Answers{noise};
       })},
      {"truncated header", for_requests([](const coap::Message& request) {
         std::vector<uint8_t> ack = encode(answer_to(request, 0x45));
         ack.resize(3);
         return Answers{ack};
       })},
      {"truncated token", for_requests([](const coap::Message& request) {
         std::vector<uint8_t> ack = encode(answer_to(request, 0x45));
         ack.resize(4 + request.token.size() / 2);
         return Answers{ack};
       })},
      {"wrong token", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         for (uint8_t& b : ack.token)
           b = static_cast<uint8_t>(~b);
         if (ack.token.empty()) ack.token = {0x55};
         return one(ack);
       })},
      {"unknown critical option", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         ack.options = {{9, {0x01}}};
         return one(ack);
       })},
      {"long content format", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         ack.options = {{12, {0x01, 0x02, 0x03}}};
         ack.payload = {'x'};
         return one(ack);
       })},
      {"reserved code class", for_requests([](const coap::Message& request) {
         return one(answer_to(request, 0x60));  // 3.00
       })},
      {"request code in an ACK",
       for_requests([](const coap::Message& request) { return one(answer_to(request, 0x01)); })},
      {"Block2 that jumps", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         const uint32_t asked = requested_block(request);
         ack.options = {{23, block_value(asked == 0 ? 0 : asked + 3, true, 2)}};
         ack.payload.assign(64, 'j');
         return one(ack);
       })},
      {"Block2 without end", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         ack.options = {{23, block_value(requested_block(request), true, 0)}};
         ack.payload.assign(16, 'e');
         return one(ack);
       })},
      {"Block2 of the wrong size", for_requests([](const coap::Message& request) {
         Datagram ack = answer_to(request, 0x45);
         ack.options = {{23, block_value(requested_block(request), true, 4)}};
         ack.payload.assign(7, 's');
         return one(ack);
       })},
      {"reset with another message id", for_requests([](const coap::Message& request) {
         Datagram reset;
         reset.type = coap::Type::reset;
         reset.code = 0;
         reset.message_id = static_cast<uint16_t>(request.message_id + 1);
         return one(reset);
       })},
  };
}

class HostileTest : public GatewayTest {
 protected:
  // A request that must complete exactly once; the count is checked after stop().
  void send_counted(const std::string& to, std::atomic<int>& calls, CoapOutcome& last,
                    std::mutex& mutex) {
    CoapRequest request;
    request.path = "/dev";
    request.timeout = milliseconds(500);
    gateway.send(to, request, [&](CoapOutcome o) {
      const std::lock_guard guard(mutex);
      last = std::move(o);
      ++calls;
    });
  }
};

TEST_F(HostileTest, GarbageAndSilenceCompleteEveryRequestOnce) {
  const std::vector<Hostile> kinds = hostile_devices();
  std::vector<std::unique_ptr<ScriptedPeer>> peers;
  std::vector<std::atomic<int>> calls(kinds.size());
  std::vector<CoapOutcome> outcomes(kinds.size());
  std::mutex mutex;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    peers.push_back(std::make_unique<ScriptedPeer>(kinds[i].respond));
    send_counted(peers[i]->address(), calls[i], outcomes[i], mutex);
  }
  ASSERT_TRUE(eventually([&] {
    for (const std::atomic<int>& c : calls) {
      if (c.load() == 0) return false;
    }
    return true;
  }));
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::lock_guard guard(mutex);
    const CoapFailure f = outcomes[i].failure;
    EXPECT_TRUE(f == CoapFailure::timeout || f == CoapFailure::bad_response)
        << kinds[i].name << ": " << static_cast<int>(f) << " " << outcomes[i].message << " "
        << outcomes[i].reply.code_text();
  }

  // The gateway still serves a good device and its directory, after all that.
  const ScriptedPeer good(for_requests([](const coap::Message& request) {
    Datagram ack = answer_to(request, 0x45);
    ack.payload = {'o', 'k'};
    return one(ack);
  }));
  CoapRequest request;
  request.path = "/dev";
  const CoapOutcome fine = send_and_wait(gateway, good.address(), request);
  ASSERT_TRUE(fine.ok()) << fine.message;
  EXPECT_EQ(fine.reply.payload, (std::vector<uint8_t>{'o', 'k'}));
  coap_client({"-m", "post", "-e", "</a>", uri("/rd?ep=after")});
  ASSERT_TRUE(listener.wait([&] { return listener.registered.size() == 1; }));

  gateway.stop();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(calls[i].load(), 1) << kinds[i].name;
  }
}

TEST_F(HostileTest, AFloodOfDuplicateAnswersCompletesOnce) {
  const ScriptedPeer flooding(for_requests([](const coap::Message& request) {
    Datagram ack = answer_to(request, 0x45);
    ack.payload = {'d'};
    return Answers(50, encode(ack));
  }));
  std::atomic<int> calls{0};
  CoapOutcome last;
  std::mutex mutex;
  for (int i = 0; i < 5; ++i)
    send_counted(flooding.address(), calls, last, mutex);
  ASSERT_TRUE(eventually([&] { return calls.load() == 5; }));
  {
    const std::lock_guard guard(mutex);
    EXPECT_TRUE(last.ok()) << last.message;
  }
  gateway.stop();
  EXPECT_EQ(calls.load(), 5);
}

TEST_F(HostileTest, ManyRequestsInFlightAcrossManyDevices) {
  constexpr std::size_t kDevices = 20;
  constexpr std::size_t kPerDevice = 10;
  std::vector<std::unique_ptr<ScriptedPeer>> devices;
  for (std::size_t d = 0; d < kDevices; ++d) {
    devices.push_back(
        std::make_unique<ScriptedPeer>(for_requests([d](const coap::Message& request) {
          Datagram ack = answer_to(request, 0x45);
          ack.options = {{12, uint_value(60)}};
          ack.payload = {static_cast<uint8_t>(d)};
          return one(ack);
        })));
  }
  std::mutex mutex;
  std::condition_variable done;
  std::size_t completed = 0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < kDevices * kPerDevice; ++i) {
    const std::size_t d = i % kDevices;
    CoapRequest request;
    request.path = "/c/app/x/value";
    request.query = {"n=" + std::to_string(i)};
    request.timeout = std::chrono::seconds(10);
    gateway.send(devices[d]->address(), request, [&, d](const CoapOutcome& o) {
      const std::lock_guard guard(mutex);
      ++completed;
      if (o.ok() && o.reply.payload == std::vector<uint8_t>{static_cast<uint8_t>(d)}) ++right;
      done.notify_all();
    });
  }
  std::unique_lock lock(mutex);
  ASSERT_TRUE(done.wait_for(lock, kPatience, [&] { return completed == kDevices * kPerDevice; }));
  EXPECT_EQ(right, kDevices * kPerDevice);
}

}  // namespace
}  // namespace tc::gw::test
