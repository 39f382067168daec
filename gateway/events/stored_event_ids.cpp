#include "events/stored_event_ids.hpp"

namespace tc::gw {

uint64_t StoredEventIds::reserve(uint64_t count) {
  const auto first = static_cast<uint64_t>(meta_.get("event_ids", 1));
  meta_.set("event_ids", static_cast<int64_t>(first + count));
  return first;
}

}  // namespace tc::gw
