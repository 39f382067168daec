#include "reply_router.hpp"

#include <algorithm>

#include "coap/message.hpp"

namespace tc::gw::serial {
namespace {

// The header fields routing needs. coap::parse leaves type, code, message id and (when its bytes
// are there) the token in the message even when the rest does not parse, which is all this needs.
coap::Message header_of(std::span<const uint8_t> datagram) {
  coap::Message m;
  (void)coap::parse(datagram, m);
  return m;
}

bool is_request(const coap::Message& m) {
  const auto code = static_cast<uint8_t>(m.code);
  return code != 0 && (code >> 5) == 0;
}

}  // namespace

void ReplyRouter::from_client(const coap::Endpoint& client, std::span<const uint8_t> datagram) {
  if (upstream_ && client == *upstream_) return;  // the directory's answers need no routing back
  last_ = client;
  if (datagram.size() < coap::kHeaderSize) return;
  const coap::Message m = header_of(datagram);
  if (m.type == coap::Type::confirmable || m.type == coap::Type::non_confirmable) {
    remember({.by_token = false, .message_id = m.message_id, .token = {}, .client = client});
  }
  if (is_request(m)) {
    const std::span<const uint8_t> token = m.token.bytes();
    remember({.by_token = true,
              .message_id = 0,
              .token = std::vector<uint8_t>(token.begin(), token.end()),
              .client = client});
  }
}

std::optional<coap::Endpoint> ReplyRouter::to_client(std::span<const uint8_t> datagram) const {
  if (datagram.size() < coap::kHeaderSize) return last_;
  const coap::Message m = header_of(datagram);
  if (is_request(m)) return upstream_;
  const bool by_token = m.type == coap::Type::confirmable || m.type == coap::Type::non_confirmable;
  const std::span<const uint8_t> token = m.token.bytes();
  // Newest first: a reused id or token belongs to whoever used it last.
  const auto match = std::find_if(keys_.rbegin(), keys_.rend(), [&](const Key& k) {
    if (k.by_token != by_token) return false;
    return by_token ? std::ranges::equal(k.token, token) : k.message_id == m.message_id;
  });
  if (match != keys_.rend()) return match->client;
  return last_;
}

void ReplyRouter::remember(Key key) {
  // A key seen again moves to the newest end, so that a long-lived observation is not forgotten.
  const auto same = std::find_if(keys_.begin(), keys_.end(), [&](const Key& k) {
    return k.by_token == key.by_token && k.message_id == key.message_id && k.token == key.token;
  });
  if (same != keys_.end()) keys_.erase(same);
  keys_.push_back(std::move(key));
  while (keys_.size() > capacity_)
    keys_.pop_front();
}

}  // namespace tc::gw::serial
