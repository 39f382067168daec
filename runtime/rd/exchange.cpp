#include "rd/exchange.hpp"

#include <array>

namespace tc::rd {

void Exchange::start(const coap::Endpoint& peer, std::span<const uint8_t> request,
                     uint16_t message_id, const coap::Token& token, const ExchangeTiming& timing,
                     uint64_t now_ms) {
  timing_ = timing;
  peer_ = peer;
  request_ = request;
  message_id_ = message_id;
  token_ = token;
  active_ = true;
  acknowledged_ = false;
  sent_again_ = 0;
  const uint32_t spread =
      timing_.random_permille > 1000 ? random_.next() % (timing_.random_permille - 1000) : 0;
  timeout_ms_ = static_cast<uint32_t>(uint64_t{timing_.ack_timeout_ms} * (1000 + spread) / 1000);
  due_ms_ = now_ms + timeout_ms_;
  (void)transport_.send(peer_, request_);
}

void Exchange::send_empty(const coap::Endpoint& to, coap::Type type, uint16_t message_id) {
  (void)transport_.send(to, coap::empty_message(type, message_id));
}

bool Exchange::is_duplicate_separate(const coap::Endpoint& from, const coap::Message& m) const {
  return m.type == coap::Type::confirmable && coap::is_response(m.code) && separate_peer_ &&
         *separate_peer_ == from && m.message_id == separate_id_;
}

Answer Exchange::offer(const coap::Endpoint& from, const coap::Message& m) {
  if (is_duplicate_separate(from, m)) {
    send_empty(from, coap::Type::acknowledgement, m.message_id);
    return Answer::progress;
  }
  if (!active_ || !(from == peer_)) return Answer::not_ours;
  switch (m.type) {
    case coap::Type::acknowledgement:
      if (m.message_id != message_id_) return Answer::not_ours;
      if (m.code == coap::Code::empty) {
        if (!acknowledged_) {
          acknowledged_ = true;
          due_ms_ = due_ms_ - timeout_ms_ + timing_.separate_timeout_ms;
        }
        return Answer::progress;
      }
      // Same message id, other token: an answer to something else (RFC 7252 5.3.2).
      if (!(m.token == token_) || !coap::is_response(m.code)) return Answer::not_ours;
      active_ = false;
      return Answer::response;
    case coap::Type::reset:
      if (m.message_id != message_id_) return Answer::not_ours;
      active_ = false;
      return Answer::reset;
    case coap::Type::confirmable:
    case coap::Type::non_confirmable:
      if (!coap::is_response(m.code) || !(m.token == token_)) return Answer::not_ours;
      if (m.type == coap::Type::confirmable) {
        separate_peer_ = from;
        separate_id_ = m.message_id;
        send_empty(from, coap::Type::acknowledgement, m.message_id);
      }
      active_ = false;
      return Answer::response;
  }
  return Answer::not_ours;
}

bool Exchange::poll(uint64_t now_ms) {
  if (!active_ || now_ms < due_ms_) return false;
  if (acknowledged_ || sent_again_ >= timing_.max_retransmit) {
    active_ = false;
    return true;
  }
  ++sent_again_;
  ++retransmissions_;
  timeout_ms_ *= 2;
  due_ms_ = now_ms + timeout_ms_;
  (void)transport_.send(peer_, request_);
  return false;
}

std::optional<uint64_t> Exchange::next_deadline() const {
  if (!active_) return std::nullopt;
  return due_ms_;
}

}  // namespace tc::rd
