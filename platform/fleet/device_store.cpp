#include "fleet/device_store.hpp"

namespace tc::platform {
namespace {

// `managed` is the platform's view: marked so, or named by a desired row.
constexpr std::string_view kDeviceColumns =
    "SELECT d.id, d.name, g.name, t.name, t.id, d.online, d.address, d.first_seen_ms, "
    "d.last_seen_ms, "
    "CASE WHEN d.managed <> 0 OR EXISTS (SELECT 1 FROM desired x WHERE x.device_id = d.id) "
    "THEN 1 ELSE 0 END, d.containers, d.sync "
    "FROM devices d JOIN gateways g ON g.id = d.gateway_id "
    "JOIN tenants t ON t.id = d.owner_tenant_id";

DeviceRecord device_from(const sql::Result& r, std::size_t row) {
  return DeviceRecord{.id = r.integer(row, 0),
                      .name = r.text(row, 1),
                      .gateway = r.text(row, 2),
                      .owner = r.text(row, 3),
                      .owner_id = r.integer(row, 4),
                      .online = r.integer(row, 5) != 0,
                      .address = r.text(row, 6),
                      .first_seen_ms = r.integer(row, 7),
                      .last_seen_ms = r.integer(row, 8),
                      .managed = r.integer(row, 9) != 0,
                      .containers = r.text(row, 10),
                      .sync = r.text(row, 11)};
}

std::vector<DeviceRecord> devices_from(const sql::Result& r) {
  std::vector<DeviceRecord> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(device_from(r, i));
  return out;
}

// Creates or updates one reported device; the gateway holding it when that is another one.
std::optional<ClaimedDevice> record_report(sql::Connection& c, const Gateway& gateway,
                                           const DeviceReport& d, int64_t now_ms) {
  const sql::Result held = c.exec(
      "SELECT d.gateway_id, g.name FROM devices d JOIN gateways g ON g.id = d.gateway_id "
      "WHERE d.name = ?",
      {d.name});
  if (held.empty()) {
    c.exec(
        "INSERT INTO devices (name, gateway_id, owner_tenant_id, online, address, first_seen_ms, "
        "last_seen_ms, containers, sync) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {d.name, gateway.id, gateway.owner_id, int64_t{d.online}, d.address, now_ms, d.last_seen_ms,
         d.containers, d.sync});
    return std::nullopt;
  }
  if (held.integer(0, 0) != gateway.id) return ClaimedDevice{d.name, held.text(0, 1)};
  c.exec(
      "UPDATE devices SET online = ?, address = ?, last_seen_ms = ?, containers = ?, sync = ? "
      "WHERE name = ?",
      {int64_t{d.online}, d.address, d.last_seen_ms, d.containers, d.sync, d.name});
  return std::nullopt;
}

}  // namespace

std::vector<ClaimedDevice> record_device_reports(sql::Connection& c, const Gateway& gateway,
                                                 std::span<const DeviceReport> reports,
                                                 int64_t now_ms) {
  // The picture is whole: a device the gateway no longer reports is not online through it.
  c.exec("UPDATE devices SET online = 0 WHERE gateway_id = ?", {gateway.id});
  std::vector<ClaimedDevice> refused;
  for (const DeviceReport& d : reports) {
    if (auto claimed = record_report(c, gateway, d, now_ms)) refused.push_back(std::move(*claimed));
  }
  return refused;
}

std::vector<DeviceRecord> list_devices(sql::Connection& c, std::optional<int64_t> owner_id) {
  if (owner_id) {
    return devices_from(c.exec(
        std::string(kDeviceColumns) + " WHERE d.owner_tenant_id = ? ORDER BY d.name", {*owner_id}));
  }
  return devices_from(c.exec(std::string(kDeviceColumns) + " ORDER BY d.name"));
}

std::optional<DeviceRecord> find_device(sql::Connection& c, std::string_view name) {
  const sql::Result r =
      c.exec(std::string(kDeviceColumns) + " WHERE d.name = ?", {std::string(name)});
  if (r.empty()) return std::nullopt;
  return device_from(r, 0);
}

bool set_device_managed(sql::Connection& c, std::string_view name, bool managed) {
  return c.exec("UPDATE devices SET managed = ? WHERE name = ?",
                {int64_t{managed}, std::string(name)})
             .affected() == 1;
}

}  // namespace tc::platform
