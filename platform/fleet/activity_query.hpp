// Reading what the gateways pushed (gateway_items.hpp): events and usage records, for GET
// /api/v1/events and /api/v1/usage (docs/api/platform.yaml). A scope says what the caller may
// see: everything (an operator), what came through the gateways of one owner tenant (a device
// owner: its devices), or one tenant's own items (an application tenant: by tenant_id). An
// answer is the newest `limit` matching items, oldest first (newest last).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fleet/gateway_items.hpp"
#include "sql/connection.hpp"

namespace tc::platform {

inline constexpr std::size_t kMaxActivityLimit = 1000;

struct ActivityScope {
  std::optional<int64_t> gateway_owner_id;  // items from this tenant's gateways only
  std::optional<int64_t> tenant_id;         // items of this tenant only
};

struct ActivityQuery {
  ActivityScope scope;
  std::string device;  // "" for any
  std::string tenant;  // usage: the tenant name as sent; "" for any
  int64_t since_ms = 0;
  std::size_t limit = 100;  // 1..kMaxActivityLimit
};

struct StoredEvent {
  int64_t id = 0;
  std::string gateway;
  int64_t item_id = 0;
  std::string device;
  std::string type;
  int64_t at_ms = 0;
  std::string data;  // JSON object text
};

// A usage record as the gateway pushed it (gateway_items.hpp), with its row id and gateway.
struct StoredUsage {
  int64_t id = 0;
  std::string gateway;
  UsageItem usage;
};

// Events at or after since_ms (their at_ms).
[[nodiscard]] std::vector<StoredEvent> read_events(sql::Connection& c, const ActivityQuery& q);
// Usage records whose interval ends at or after since_ms.
[[nodiscard]] std::vector<StoredUsage> read_usage(sql::Connection& c, const ActivityQuery& q);

}  // namespace tc::platform
