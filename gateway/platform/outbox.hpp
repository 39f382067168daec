// The outbox (docs/api/platform-link.md, "Events and usage"): items for the platform (events,
// usage records) written to the gateway's database before anything else happens to them, sent in
// id order and forgotten once the platform acknowledged them, so that a gateway killed at any
// moment loses none. Bounded: past `capacity` items the oldest are dropped and the item at the
// head becomes (or stays) a `gap` item counting them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace tc::gw {

inline constexpr std::size_t kOutboxCapacity = 100000;
inline constexpr std::size_t kOutboxBatch = 500;  // items per POST

struct OutboxItem {
  int64_t id = 0;
  std::string kind;  // event, usage, gap
  std::string data;  // a JSON object, as text
};

class Outbox {
 public:
  // Counts the stored items; capacity is at least 2 (a gap item and one more).
  explicit Outbox(Database& db, std::size_t capacity = kOutboxCapacity);

  // Stores an item; its id.
  int64_t add(std::string_view kind, std::string_view data);
  // The same for a caller that holds the database's lock inside its own transaction (so that
  // the item and the caller's other writes commit together).
  int64_t add_locked(std::string_view kind, std::string_view data);

  // The oldest items, at most `max`, in id order.
  [[nodiscard]] std::vector<OutboxItem> oldest(std::size_t max) const;
  // Forgets every item up to `ack` (the platform stored them).
  void acknowledge(int64_t ack);
  [[nodiscard]] std::size_t pending() const { return count_.load(); }

 private:
  void drop_oldest_locked();

  Database& db_;
  const std::size_t capacity_;
  std::atomic<std::size_t> count_{0};
};

// The body of POST /api/v1/gateway/events: {"items": [{"id", "kind", "data"}, ...]}.
[[nodiscard]] std::string events_body(const std::vector<OutboxItem>& items);

}  // namespace tc::gw
