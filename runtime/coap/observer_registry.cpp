#include "coap/observer_registry.hpp"

namespace tc::coap {

Observer* ObserverRegistry::find(const Endpoint& peer, const Token& token) {
  for (Observer& o : entries_) {
    if (o.used && o.token == token && o.peer == peer) return &o;
  }
  return nullptr;
}

Observer* ObserverRegistry::claim(const Endpoint& peer, const Token& token, ResourceId resource,
                                  std::size_t per_resource_limit) {
  if (Observer* existing = find(peer, token)) {
    if (existing->resource == resource || count(resource) < per_resource_limit) return existing;
    return nullptr;
  }
  if (count(resource) >= per_resource_limit) return nullptr;
  for (Observer& o : entries_) {
    if (!o.used) return &o;
  }
  return nullptr;
}

Observer* ObserverRegistry::by_message_id(const Endpoint& peer, uint16_t message_id) {
  for (Observer& o : entries_) {
    if (o.used && o.last_message_id == message_id && o.peer == peer) return &o;
  }
  return nullptr;
}

std::size_t ObserverRegistry::count(ResourceId resource) const {
  std::size_t n = 0;
  for (const Observer& o : entries_)
    n += o.used && o.resource == resource ? 1 : 0;
  return n;
}

}  // namespace tc::coap
