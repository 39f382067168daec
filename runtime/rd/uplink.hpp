// The CoAP uplink of remote endpoints (agent::Uplink): a container's write to
// "coap://HOST[:PORT]/path" leaves the device as
//
//   CON POST /path?c=<container>   Content-Format 60, payload: the container's bytes as given
//
// HOST "gateway" (any port, or none) is the gateway the device registered with; an IPv4 literal
// is sent to as given, "localhost" to 127.0.0.1; any other name is not reached (reaches() is
// false, tc_open answers TC_ENOTSUP): the device resolves no names. No Uri-Host is sent.
//
// Writes wait in a bounded FIFO queue (kUplinkQueue; full: post() answers resource_exhausted,
// which the container sees as TC_EAGAIN) and go out one at a time (RFC 7252 4.7, NSTART 1), each
// an Exchange: retransmitted, and dropped (counted) when nothing answers after the
// retransmissions. A 2.xx answer counts as delivered, any other answer or a Reset as rejected.
//
// It shares the device's server socket, so that the gateway sees the writes come from the
// address the device registered: on_datagram() takes only the answers to its own request and
// leaves everything else to the server. (Its message ids are its own, drawn from a random start;
// an empty ACK of the server's with the same id at the same moment would be taken for its own:
// the uplink then waits for a separate response that does not come and drops the write.)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "agent/uplink.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/transport.hpp"
#include "rd/exchange.hpp"

namespace tc::rd {

inline constexpr std::size_t kUplinkQueue = 4;
// The largest payload one write carries (the agent's context_bytes, docs/native-port.md).
inline constexpr std::size_t kMaxUplinkPayload = 256;
// Header, token, Uri-Path (a manifest target has at most 47 bytes), c=<name> (at most 31),
// Content-Format, the marker and the payload.
inline constexpr std::size_t kMaxUplinkDatagram = 400;

struct UplinkConfig {
  std::optional<coap::Endpoint> gateway{};  // what "gateway" names; none: not reached
  ExchangeTiming timing{};
};

struct UplinkStats {
  uint32_t queued = 0;     // post() accepted
  uint32_t full = 0;       // post() refused: the queue was full
  uint32_t delivered = 0;  // answered 2.xx
  uint32_t rejected = 0;   // answered with another code, or Reset
  uint32_t dropped = 0;    // no answer after the retransmissions
  uint32_t retransmissions = 0;
};

class CoapUplink final : public agent::Uplink {
 public:
  CoapUplink(coap::Transport& transport, coap::Random& random, const UplinkConfig& config);
  CoapUplink(const CoapUplink&) = delete;
  CoapUplink& operator=(const CoapUplink&) = delete;

  [[nodiscard]] bool reaches(std::string_view uri) const override;
  // invalid_argument for a URI it does not reach; out_of_range for a payload above
  // kMaxUplinkPayload; resource_exhausted when the queue is full.
  Status post(std::string_view uri, std::string_view container,
              std::span<const uint8_t> payload) override;

  // One datagram of the shared socket: true when it was the answer to the write in flight (or
  // part of its exchange), false when it is the server's.
  bool on_datagram(const coap::Endpoint& from, std::span<const uint8_t> datagram, uint64_t now_ms);
  // Sends the next queued write, retransmits, gives up.
  void poll(uint64_t now_ms);
  [[nodiscard]] std::optional<uint64_t> next_deadline() const;

  [[nodiscard]] std::size_t pending() const;  // queued and in flight
  [[nodiscard]] UplinkStats stats() const;
  // The code of the last write answered with something else than 2.xx (0 after a Reset).
  [[nodiscard]] uint8_t last_rejection() const { return last_rejection_; }

 private:
  struct Entry {
    bool used = false;
    uint32_t order = 0;
    coap::Endpoint peer;
    uint16_t message_id = 0;
    coap::Token token;
    uint16_t length = 0;
    std::array<uint8_t, kMaxUplinkDatagram> datagram{};
  };

  [[nodiscard]] std::optional<coap::Endpoint> resolve(std::string_view uri) const;
  void finish();
  void start_next(uint64_t now_ms);

  coap::Random& random_;
  UplinkConfig config_;
  Exchange exchange_;
  std::array<Entry, kUplinkQueue> queue_{};
  Entry* in_flight_ = nullptr;
  uint32_t next_order_ = 0;
  uint16_t next_message_id_ = 0;
  uint8_t last_rejection_ = 0;
  UplinkStats stats_;
};

}  // namespace tc::rd
