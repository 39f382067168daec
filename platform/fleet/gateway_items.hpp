// The items a gateway pushes at least once (POST /api/v1/gateway/events,
// docs/api/platform-link.md): events and usage records, each stored once per (gateway, item id)
// however often it arrives. A gap item (the gateway's outbox overflowed) is kept as an event of
// type "gap". A tenant name that names a tenant gives the item its tenant_id, which is what a
// tenant's queries select on (activity_query.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "sql/connection.hpp"

namespace tc::platform {

struct EventItem {
  int64_t item_id = 0;
  std::string type;
  std::string device;  // "" for the gateway's own events (gap, desired_rejected)
  std::string tenant;  // "" when the event names none
  int64_t at_ms = 0;
  std::string data;  // the event's JSON object, as sent
};

struct UsageItem {
  int64_t item_id = 0;
  std::string device;
  std::string container;
  std::string tenant;
  int64_t from_ms = 0;
  int64_t to_ms = 0;
  int64_t activations = 0;
  int64_t instructions = 0;
  int64_t cpu_us = 0;
  int64_t endpoint_calls = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  int64_t energy_uj = 0;
};

using GatewayItem = std::variant<EventItem, UsageItem>;

// Stores every item this gateway did not deliver before; how many were new.
std::size_t store_gateway_items(sql::Connection& c, int64_t gateway_id,
                                std::span<const GatewayItem> items);

}  // namespace tc::platform
