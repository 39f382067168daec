// The devices the gateways bring in (docs/platform.md "Resources"): a device is created when a
// gateway first reports it, belongs to that gateway and to the gateway's owner tenant, and holds
// what the gateway last pushed about it (PUT /api/v1/gateway/state, docs/api/platform-link.md).
// A device name is unique on the platform: a name another gateway already reported is refused,
// never moved. Functions work on a connection inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/gateway_registry.hpp"
#include "sql/connection.hpp"

namespace tc::platform {

// One device of a gateway's state push. The JSON members are stored as text and only shown.
struct DeviceReport {
  std::string name;
  bool online = false;
  std::string address;
  int64_t last_seen_ms = 0;
  std::string containers = "null";  // a JSON array, or null while the gateway never read them
  std::string sync = "[]";          // a JSON array: the gateway's sync status per container
};

struct DeviceRecord {
  int64_t id = 0;
  std::string name;
  std::string gateway;
  std::string owner;  // tenant name
  int64_t owner_id = 0;
  bool online = false;
  std::string address;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  bool managed = false;  // listed in its gateway's desired state (desired_store.hpp)
  std::string containers;
  std::string sync;
};

// A reported device that another gateway holds: refused, left as it was.
struct ClaimedDevice {
  std::string name;
  std::string gateway;  // the gateway that holds it
};

// Records a gateway's whole picture: each reported device is created or updated; this gateway's
// devices missing from the picture go offline. The refused devices, if any.
std::vector<ClaimedDevice> record_device_reports(sql::Connection& c, const Gateway& gateway,
                                                 std::span<const DeviceReport> reports,
                                                 int64_t now_ms);

// Every device, or those of one owner tenant; by name.
[[nodiscard]] std::vector<DeviceRecord> list_devices(sql::Connection& c,
                                                     std::optional<int64_t> owner_id);
[[nodiscard]] std::optional<DeviceRecord> find_device(sql::Connection& c, std::string_view name);

// Lists the device in its gateway's desired state even without desired containers (the gateway
// then removes every container). False when there is no such device.
bool set_device_managed(sql::Connection& c, std::string_view name, bool managed);

}  // namespace tc::platform
