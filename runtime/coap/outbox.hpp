// Confirmable messages the server originates (separate responses, CON notifications) until they
// are acknowledged, reset, or given up after MAX_RETRANSMIT retransmissions (RFC 7252 4.2).
// Each entry keeps a copy of its datagram in a slot of `arena.size() / entries.size()` bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "coap/endpoint.hpp"
#include "core/status.hpp"

namespace tc::coap {

inline constexpr uint8_t kNoObserver = 0xff;

struct Outgoing {
  bool used = false;
  Endpoint peer;
  uint16_t message_id = 0;
  uint16_t length = 0;
  uint8_t retransmits = 0;
  uint8_t observer = kNoObserver;  // the observer a notification belongs to
  uint32_t timeout_ms = 0;         // the current back-off interval
  uint64_t due_ms = 0;             // when to retransmit (or give up)
};

class Outbox {
 public:
  Outbox(std::span<Outgoing> entries, std::span<uint8_t> arena);

  // A free entry, or nullptr.
  [[nodiscard]] Outgoing* free_entry();
  // Fills `entry` (from free_entry) and copies the datagram; out_of_range when it does not fit.
  Status start(Outgoing& entry, const Endpoint& peer, uint16_t message_id,
               std::span<const uint8_t> datagram, uint64_t now_ms, uint32_t timeout_ms);
  // Replaces the datagram of an entry in flight (a newer notification supersedes the old one,
  // RFC 7641 4.5.2); the back-off continues.
  Status replace(Outgoing& entry, uint16_t message_id, std::span<const uint8_t> datagram);
  [[nodiscard]] Outgoing* match(const Endpoint& peer, uint16_t message_id);
  [[nodiscard]] std::span<const uint8_t> datagram(const Outgoing& entry) const;
  [[nodiscard]] std::span<Outgoing> entries() { return entries_; }
  [[nodiscard]] std::span<const Outgoing> entries() const { return entries_; }
  [[nodiscard]] std::size_t index(const Outgoing& entry) const {
    return static_cast<std::size_t>(&entry - entries_.data());
  }
  [[nodiscard]] std::size_t in_flight() const;

 private:
  std::span<Outgoing> entries_;
  std::span<uint8_t> arena_;
  std::size_t slot_size_ = 0;
};

}  // namespace tc::coap
