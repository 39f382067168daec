// Event ids reserved in the database's meta table (key "event_ids"), a block at a time, so that
// ids keep increasing across restarts and crashes (EventHub).
#pragma once

#include "events/event_hub.hpp"
#include "store/meta.hpp"

namespace tc::gw {

class StoredEventIds final : public IdReservation {
 public:
  explicit StoredEventIds(Database& db) : meta_(db) {}

  uint64_t reserve(uint64_t count) override;

 private:
  Meta meta_;
};

}  // namespace tc::gw
