// A fixed ring of events in caller-provided memory; the oldest is overwritten when full.
#pragma once

#include <cstdint>
#include <span>

#include "agent/event.hpp"

namespace tc::agent {

class EventRing {
 public:
  EventRing() = default;
  explicit EventRing(std::span<Event> storage) : storage_(storage) {}

  // Stamps `event` with the next sequence number and stores it; returns the number.
  uint32_t push(Event event);
  // Copies events with seq >= from_seq (or from the oldest kept) into `out`; returns the count.
  std::size_t read(uint32_t from_seq, std::span<Event> out) const;
  // The sequence number the next event will get (events so far + 1; numbering starts at 1).
  [[nodiscard]] uint32_t next_seq() const { return next_seq_; }
  [[nodiscard]] uint32_t oldest_seq() const;

 private:
  std::span<Event> storage_;
  uint32_t next_seq_ = 1;
};

}  // namespace tc::agent
