// The gateway's requests to devices while they are in flight: DeviceLink::send() and the /events
// observations, over libcoap client sessions (SessionPool). libcoap does the protocol (CON
// retransmission, Block1 and Block2, separate responses, observe); this class adds what libcoap
// does not: a deadline per request (the request's own timeout, not libcoap's 93 s of
// retransmissions), limits on requests in flight, checks of every answer (bad_response), exactly
// one completion per request, and the mapping of observation notifications to the Listener.
//
// CoAP thread only: the loop calls send()/observe()/cancel() with queued work, routes libcoap's
// response and nack callbacks here, and calls expire() and collect() between I/O rounds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "coap/libcoap_support.hpp"
#include "coap/log.hpp"
#include "coap/session_pool.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct ExchangeLimits {
  std::size_t max_in_flight = 20000;                // requests and observations, all devices
  std::size_t max_in_flight_per_device = 256;       // the rest wait in libcoap's NSTART queue
  std::chrono::milliseconds observe_answer{10000};  // for the first answer to an observation
  std::size_t max_body = 4 * 1024 * 1024;           // a larger reassembled answer: bad_response
};

class OutgoingExchanges {
 public:
  using Clock = std::chrono::steady_clock;

  OutgoingExchanges(coap_context_t* context, Listener& listener, const ExchangeLimits& limits,
                    const SessionSettings& sessions, const Log& log);
  OutgoingExchanges(const OutgoingExchanges&) = delete;
  OutgoingExchanges& operator=(const OutgoingExchanges&) = delete;
  ~OutgoingExchanges() = default;  // before the context: the pool releases its sessions

  void send(const DeviceAddress& to, CoapRequest request, Completion done, Clock::time_point now);
  void observe(const std::string& endpoint, const DeviceAddress& at, uint64_t from,
               Clock::time_point now);
  void cancel(const std::string& endpoint, Clock::time_point now);
  // Completes a request that was never started (CoapFailure::local `why`).
  void refuse(Completion& done, const std::string& why) {
    complete(done, {CoapFailure::local, why, {}});
  }

  // libcoap's response and nack handlers land here.
  coap_response_t on_response(coap_session_t* session, const coap_pdu_t* received,
                              Clock::time_point now);
  void on_nack(coap_session_t* session, const coap_pdu_t* sent, coap_nack_reason_t reason,
               Clock::time_point now);

  // Completes what is past its deadline.
  void expire(Clock::time_point now);
  [[nodiscard]] std::optional<Clock::time_point> next_deadline() const;
  // Closes idle and retired sessions (outside libcoap callbacks).
  void collect(Clock::time_point now) { sessions_.collect(now); }
  // Completes every request with CoapFailure::local "shutting down" and deregisters every
  // observation (NON, nothing waits for an answer).
  void shutdown(Clock::time_point now);

  [[nodiscard]] std::size_t in_flight() const { return exchanges_.size(); }
  [[nodiscard]] std::size_t open_sessions() const { return sessions_.open_sessions(); }

 private:
  struct Exchange {
    DeviceSession* session = nullptr;
    std::string token;
    std::string device;  // "coap://...", for messages
    Clock::time_point deadline = Clock::time_point::max();
    std::chrono::milliseconds timeout{0};  // what the deadline was set from, for messages
    bool observation = false;
    Completion done;       // a request
    std::string endpoint;  // an observation: whose events
  };
  // Builds and sends the request of `exchange` (moved into the table on success; it may have
  // failed already through fail() then). Returns why nothing was sent, or "".
  std::string start(const IpEndpoint& where, const CoapRequest& request,
                    std::vector<uint8_t> payload, Exchange& exchange, Clock::time_point now);
  Exchange* find(DeviceSession* session, const std::string& token, uint64_t& id);
  // Removes the exchange and gives it back (its session user released).
  Exchange take(uint64_t id, Clock::time_point now);
  void finish(uint64_t id, CoapOutcome outcome, Clock::time_point now);
  void end_observation(uint64_t id, const std::string& why, bool tell, Clock::time_point now);
  void fail(uint64_t id, CoapFailure failure, const std::string& what, Clock::time_point now);
  coap_response_t on_notification(uint64_t id, const coap_pdu_t* received, Clock::time_point now);
  void complete(Completion& done, CoapOutcome outcome);

  Listener& listener_;
  ExchangeLimits limits_;
  const Log& log_;
  SessionPool sessions_;
  std::unordered_map<uint64_t, Exchange> exchanges_;
  std::set<std::pair<Clock::time_point, uint64_t>> deadlines_;
  std::unordered_map<std::string, uint64_t> observations_;  // endpoint -> exchange id
  uint64_t next_id_ = 1;
};

}  // namespace tc::gw
