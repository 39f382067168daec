// The gateway's event stream: a bounded ring of the latest events (site-wide, in id order) that
// Server-Sent Events readers follow and resume from (Last-Event-ID). Publishers are any thread;
// readers wait for what is newer than the last id they sent.
//
// Ids increase across restarts: they are taken from blocks reserved in the database (an
// IdReservation), so a gateway that crashed never hands out an id it may have used before, and a
// client resuming with an id from before a restart gets only newer events.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "events/event.hpp"

namespace tc::gw {

class IdReservation {
 public:
  virtual ~IdReservation() = default;
  // Reserves `count` more ids and returns the first; ids below it were possibly used before.
  virtual uint64_t reserve(uint64_t count) = 0;
};

struct EventBatch {
  std::vector<Event> events;
  uint64_t scanned_to = 0;  // the reader's next `after`: the last id looked at (matching or not)
  bool gap = false;         // events after the reader's id were already dropped from the ring
};

class EventHub {
 public:
  EventHub(std::size_t capacity, IdReservation& ids);

  // Adds "device" and "time" to `fields` (an object) and publishes; returns the event's id.
  uint64_t publish(std::string_view type, std::string_view device, const Json& fields);

  // Events with an id above `after`, of `device` (all devices when empty), at most `max`.
  // Ids are not contiguous across a restart: a gap is only reported for events that this run
  // published and the ring no longer holds, or when `after` is older than the whole ring.
  [[nodiscard]] EventBatch after(uint64_t after, std::string_view device, std::size_t max) const;
  // Waits until an event above `after` exists, `timeout` passes or the hub closes; false when
  // closed.
  bool wait(uint64_t after, std::chrono::milliseconds timeout) const;
  // The id of the newest event (or the last id before this run's first when none yet).
  [[nodiscard]] uint64_t last_id() const;

  // Called with each event as it is published, before any reader can see it, on the publishing
  // thread under the hub's lock (so in id order): it must be quick and must not publish. The
  // platform link's outbox. Replaces the previous one; null: none.
  using Subscriber = std::function<void(const Event&)>;
  void set_subscriber(Subscriber subscriber);

  // Wakes every waiter for good (shutdown): streams end.
  void close();
  [[nodiscard]] bool closed() const;

 private:
  static constexpr uint64_t kIdBlock = 1024;

  uint64_t next_id_locked();

  const std::size_t capacity_;
  IdReservation& ids_;
  mutable std::mutex mutex_;
  mutable std::condition_variable published_;
  Subscriber subscriber_;
  std::deque<Event> ring_;
  uint64_t next_id_;
  uint64_t reserved_end_;  // ids below this are reserved for this run
  uint64_t last_id_;
  bool closed_ = false;
};

}  // namespace tc::gw
