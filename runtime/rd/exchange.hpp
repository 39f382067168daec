// One confirmable request the device sends as a client (a registration, a refresh, an uplink
// POST) and the wait for its answer, RFC 7252 4.2 and 5.2:
//   - the request is retransmitted with exponential back-off (the first timeout randomised in
//     [1, ACK_RANDOM_FACTOR) x ACK_TIMEOUT, then doubled) until something answers it, and the
//     exchange gives up after MAX_RETRANSMIT retransmissions;
//   - the response comes piggybacked in an ACK (our message id and token), or an empty ACK stops
//     the retransmissions and a separate response (CON, which is acknowledged here, or NON) with
//     our token follows within separate_timeout_ms;
//   - a Reset of our message id ends it (the peer rejected it).
// A retransmitted separate response that was already taken is acknowledged again.
//
// The exchange never answers messages that are not its own: the caller decides (a client on a
// socket of its own resets unexpected CONs; one that shares the server's socket passes them on).
// Time is the caller's monotonic now_ms. No heap: the request bytes are the caller's and must
// stay unchanged while the exchange is active (retransmissions resend them).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/transport.hpp"

namespace tc::rd {

// RFC 7252 4.8's transmission parameters, shortened by default: a gateway on the device's own
// link answers in milliseconds, and the RFC's 2 s with 4 retransmissions (93 s until a lost
// gateway is noticed) would hold a registration or an uplink queue for minutes.
struct ExchangeTiming {
  uint32_t ack_timeout_ms = 1000;        // ACK_TIMEOUT (RFC: 2000)
  uint32_t random_permille = 1500;       // ACK_RANDOM_FACTOR x 1000 (RFC: 1.5)
  uint8_t max_retransmit = 3;            // MAX_RETRANSMIT (RFC: 4)
  uint32_t separate_timeout_ms = 10000;  // after an empty ACK, the wait for the response
};

// What an incoming message was to the exchange.
enum class Answer : uint8_t {
  not_ours,  // another exchange's or a request: left to the caller
  progress,  // an empty ACK, or a duplicate separate response: taken, still waiting (or done)
  response,  // the response to the request: the exchange is over, read the message
  reset,     // a Reset of the request: the exchange is over
};

class Exchange {
 public:
  Exchange(coap::Transport& transport, coap::Random& random)
      : transport_(transport), random_(random) {}

  // Sends `request` (a CON with `message_id` and `token`) to `peer` and arms the first timeout.
  // A send error is not fatal (RFC 7252: retransmission recovers a lost datagram).
  void start(const coap::Endpoint& peer, std::span<const uint8_t> request, uint16_t message_id,
             const coap::Token& token, const ExchangeTiming& timing, uint64_t now_ms);
  // Forgets the request in flight (no more retransmissions; a late answer is not_ours).
  void cancel() { active_ = false; }
  [[nodiscard]] bool active() const { return active_; }

  // Offers one parsed message from `from`. Sends the ACK of a CON separate response.
  Answer offer(const coap::Endpoint& from, const coap::Message& message);

  // Retransmits when due. True when the exchange gave up at this call (no answer in time).
  bool poll(uint64_t now_ms);
  // When poll() has something to do, while active.
  [[nodiscard]] std::optional<uint64_t> next_deadline() const;

  [[nodiscard]] uint32_t retransmissions() const { return retransmissions_; }

 private:
  void send_empty(const coap::Endpoint& to, coap::Type type, uint16_t message_id);
  bool is_duplicate_separate(const coap::Endpoint& from, const coap::Message& m) const;

  coap::Transport& transport_;
  coap::Random& random_;
  ExchangeTiming timing_;
  coap::Endpoint peer_;
  std::span<const uint8_t> request_;
  coap::Token token_;
  uint16_t message_id_ = 0;
  bool active_ = false;
  bool acknowledged_ = false;  // an empty ACK came: a separate response follows
  uint8_t sent_again_ = 0;     // retransmissions of the current request
  uint32_t timeout_ms_ = 0;
  uint64_t due_ms_ = 0;           // next retransmission, or the end of the wait
  uint32_t retransmissions_ = 0;  // all requests, for statistics
  // The last separate CON response taken, acknowledged again when it is retransmitted.
  std::optional<coap::Endpoint> separate_peer_;
  uint16_t separate_id_ = 0;
};

}  // namespace tc::rd
