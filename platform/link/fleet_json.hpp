// The JSON of devices, events and usage records in /api/v1's answers (docs/api/platform.yaml).
// What a gateway pushed as JSON (a device's containers and sync status, an event's data) is shown
// as it came; times are milliseconds since the Unix epoch.
#pragma once

#include "fleet/activity_query.hpp"
#include "fleet/device_store.hpp"
#include "http/json.hpp"

namespace tc::platform {

[[nodiscard]] http::Json to_json(const DeviceRecord& d);
[[nodiscard]] http::Json to_json(const StoredEvent& e);
[[nodiscard]] http::Json to_json(const StoredUsage& u);

}  // namespace tc::platform
