#include "coap/deferred_table.hpp"

namespace tc::coap {

std::optional<Ticket> DeferredTable::next_ticket() const {
  for (std::size_t i = 0; i < entries_.size() && i <= 0xff; ++i) {
    if (!entries_[i].used) {
      return Ticket{static_cast<uint8_t>(i), static_cast<uint16_t>(entries_[i].generation + 1)};
    }
  }
  return std::nullopt;
}

Deferred& DeferredTable::occupy(const Ticket& ticket) {
  Deferred& d = entries_[ticket.slot];
  d = Deferred{};
  d.used = true;
  d.generation = ticket.generation;
  return d;
}

Deferred* DeferredTable::get(const Ticket& ticket) {
  if (ticket.slot >= entries_.size()) return nullptr;
  Deferred& d = entries_[ticket.slot];
  return d.used && d.generation == ticket.generation ? &d : nullptr;
}

void DeferredTable::release(Deferred& entry) {
  entry.used = false;  // the generation stays, so the old ticket no longer matches
}

void DeferredTable::expire(uint64_t now_ms) {
  for (Deferred& d : entries_) {
    if (d.used && d.expires_ms <= now_ms) release(d);
  }
}

std::size_t DeferredTable::pending() const {
  std::size_t n = 0;
  for (const Deferred& d : entries_)
    n += d.used ? 1 : 0;
  return n;
}

}  // namespace tc::coap
