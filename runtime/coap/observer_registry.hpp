// Observers (RFC 7641): who observes which resource, with what token, and the state that decides
// the type of the next notification. One pool for the whole server with a per-resource cap, so
// that a popular resource cannot take every slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/outbox.hpp"
#include "coap/resource.hpp"
#include "coap/uri_key.hpp"

namespace tc::coap {

struct Observer {
  bool used = false;
  Endpoint peer;
  Token token;
  ResourceId resource = 0;
  uint8_t szx = 0;  // block size of notifications (the registration's Block2, or ours)
  uint8_t outgoing = kNoObserver;  // outbox index of the CON notification in flight, if any
  uint16_t since_con = 0;          // notifications sent since the last CON one
  uint16_t last_message_id = 0;    // of the last notification, to match a Reset to a NON one
  uint64_t last_con_ms = 0;
  UriKey key;  // Uri-Path, Uri-Query, Accept of the registration
};

class ObserverRegistry {
 public:
  explicit ObserverRegistry(std::span<Observer> entries) : entries_(entries) {}

  [[nodiscard]] Observer* find(const Endpoint& peer, const Token& token);
  // The entry for (peer, token): the existing one (re-registration replaces, RFC 7641 4.1) or a
  // free one; nullptr when the pool or the resource's share of it is full.
  [[nodiscard]] Observer* claim(const Endpoint& peer, const Token& token, ResourceId resource,
                                std::size_t per_resource_limit);
  [[nodiscard]] Observer* by_message_id(const Endpoint& peer, uint16_t message_id);
  [[nodiscard]] std::size_t count(ResourceId resource) const;
  [[nodiscard]] std::span<Observer> entries() { return entries_; }
  [[nodiscard]] std::size_t index(const Observer& o) const {
    return static_cast<std::size_t>(&o - entries_.data());
  }

 private:
  std::span<Observer> entries_;
};

}  // namespace tc::coap
