// The device registry: every known device, who is online and where it answers. Registration
// changes come from the CoAP side's resource directory (through the service, in order); reads
// come from any thread, the proxy's hot path among them, so they take a shared lock on memory
// and never touch SQLite.
//
// Changes are made by one thread at a time (the service's worker), which keeps the SQLite writes
// in the order of the changes.
//
// Online: a live registration. A device goes offline when its registration is removed or
// lapses, and comes online again when it registers (or refreshes) again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "devices/device.hpp"
#include "devices/device_store.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

// What a registration changed, for the service to act on.
struct RegistrationChange {
  bool came_online = false;      // was offline or unknown
  bool address_changed = false;  // registered again from another base
  bool observe_events = false;   // start (or restart) the device's /events observation
  Device device;                 // the device after the change
};

class Registry {
 public:
  // Loads every stored device, offline.
  explicit Registry(Database& db);

  RegistrationChange registered(const Registration& r, bool refresh, int64_t now_ms);
  // The device as it was, if it was online (nothing changes otherwise).
  std::optional<Device> unregistered(std::string_view id, int64_t now_ms);
  // Whether an /events observation runs for the device (the service starts and loses them).
  void set_observing(std::string_view id, bool observing);
  // The sequence number of the next device event to deliver (persisted).
  void set_events_next(std::string_view id, uint64_t next);

  [[nodiscard]] std::optional<Device> find(std::string_view id) const;
  [[nodiscard]] std::vector<Device> list() const;  // by id
  // The address of an online device; empty when unknown or offline.
  [[nodiscard]] std::optional<DeviceAddress> online_address(std::string_view id) const;
  [[nodiscard]] std::size_t online_count() const;

 private:
  DeviceStore store_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, Device, std::less<>> devices_;
};

}  // namespace tc::gw
