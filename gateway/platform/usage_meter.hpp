// Metering (docs/api/platform-link.md, "Events and usage"): what a container's counters grew by
// between two readings of GET /c/{name}, as a `usage` item in the outbox. A counter that went
// down (the container was reinstalled, the device restarted) counts from zero. The previous
// reading of each container is kept in the database, written in the same transaction as the
// item, so that a gateway killed at any moment neither loses nor counts twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "platform/outbox.hpp"
#include "store/database.hpp"

namespace tc::gw {

struct UsageCounters {
  uint64_t activations = 0;
  uint64_t instructions = 0;
  uint64_t cpu_us = 0;
  uint64_t endpoint_calls = 0;
  uint64_t bytes_read = 0;
  uint64_t bytes_written = 0;
  uint64_t energy_uj = 0;

  bool operator==(const UsageCounters&) const = default;
};

// The counters of a container status (GET /c/{name}: "stats"); none when it has no stats.
[[nodiscard]] std::optional<UsageCounters> usage_counters(const Json& status);
// What each counter grew by from `previous` to `now`; one that went down counts from zero.
[[nodiscard]] UsageCounters usage_delta(const UsageCounters& previous, const UsageCounters& now);
[[nodiscard]] Json to_json(const UsageCounters& counters);

struct UsageReading {
  std::string device;
  std::string container;
  std::string tenant;
  int64_t at_ms = 0;
  UsageCounters counters;
};

class UsageMeter {
 public:
  UsageMeter(Database& db, Outbox& outbox) : db_(db), outbox_(outbox) {}

  // Keeps the reading and queues a usage item for what grew since the previous one (from_ms 0:
  // the first reading, counted from zero); the item's id, 0 when nothing grew.
  int64_t record(const UsageReading& reading);

 private:
  Database& db_;
  Outbox& outbox_;
};

}  // namespace tc::gw
