#include "coap/outbox.hpp"

#include <algorithm>

namespace tc::coap {

Outbox::Outbox(std::span<Outgoing> entries, std::span<uint8_t> arena)
    : entries_(entries), arena_(arena) {
  slot_size_ = entries.empty() ? 0 : std::min<std::size_t>(arena.size() / entries.size(), 0xffff);
}

Outgoing* Outbox::free_entry() {
  for (Outgoing& e : entries_) {
    if (!e.used) return &e;
  }
  return nullptr;
}

Status Outbox::replace(Outgoing& entry, uint16_t message_id, std::span<const uint8_t> datagram) {
  if (datagram.size() > slot_size_) return Status(StatusCode::out_of_range, "datagram too large");
  std::copy(datagram.begin(), datagram.end(),
            arena_.begin() + static_cast<std::ptrdiff_t>(index(entry) * slot_size_));
  entry.message_id = message_id;
  entry.length = static_cast<uint16_t>(datagram.size());
  return Status::Ok();
}

Status Outbox::start(Outgoing& entry, const Endpoint& peer, uint16_t message_id,
                     std::span<const uint8_t> datagram, uint64_t now_ms, uint32_t timeout_ms) {
  entry = Outgoing{};
  const Status copied = replace(entry, message_id, datagram);
  if (!copied.ok()) return copied;
  entry.used = true;
  entry.peer = peer;
  entry.timeout_ms = timeout_ms;
  entry.due_ms = now_ms + timeout_ms;
  return Status::Ok();
}

Outgoing* Outbox::match(const Endpoint& peer, uint16_t message_id) {
  for (Outgoing& e : entries_) {
    if (e.used && e.message_id == message_id && e.peer == peer) return &e;
  }
  return nullptr;
}

std::span<const uint8_t> Outbox::datagram(const Outgoing& entry) const {
  return arena_.subspan(index(entry) * slot_size_, entry.length);
}

std::size_t Outbox::in_flight() const {
  return static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(), [](const Outgoing& e) { return e.used; }));
}

}  // namespace tc::coap
