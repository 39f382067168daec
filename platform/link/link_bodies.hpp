// The JSON bodies a gateway pushes on the platform link (docs/api/platform-link.md), read and
// checked whole before anything is stored: HttpError 400 naming the field ("field":
// "devices[2].online") on bad input, 413 too_many_items past kMaxLinkItems. Pure functions:
// fuzzed (tests/fuzz/platform_link_fuzzer.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "fleet/device_store.hpp"
#include "fleet/gateway_items.hpp"
#include "http/json.hpp"

namespace tc::platform {

// Items per POST /api/v1/gateway/events: the gateway's own batch size (docs/api/platform-link.md).
inline constexpr std::size_t kMaxLinkItems = 500;

// PUT /api/v1/gateway/state: {"gateway": {...}, "devices": [{"id", "online", "address",
// "last_seen_ms", "managed", "containers", "sync"}, ...]}; device ids unique, each a name the
// gateway accepts (1..63 of [A-Za-z0-9._-]).
[[nodiscard]] std::vector<DeviceReport> state_body(const http::Json& body);

// POST /api/v1/gateway/events: {"items": [{"id", "kind": "event" | "usage" | "gap", "data"}]},
// ids positive and increasing. An event's time is its data's "time" (milliseconds, or RFC 3339
// as the gateway's events carry it), else `now_ms`.
struct LinkItems {
  std::vector<GatewayItem> items;
  int64_t last_id = 0;  // the acknowledgement once all are stored; 0 for no items
};
[[nodiscard]] LinkItems items_body(const http::Json& body, int64_t now_ms);

}  // namespace tc::platform
