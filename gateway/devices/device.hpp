// A device the gateway knows: what its last RFC 9176 registration said, when it was seen, and
// whether it is online now (a live registration). Known devices persist (DeviceStore); online is
// the registry's view of this run only: after a restart every device is offline until it
// registers again.
#pragma once

#include <cstdint>
#include <string>

#include "common/json.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct Device {
  std::string id;  // the registration's endpoint name (`ep`)
  DeviceAddress address;
  std::string sector;  // `d`, empty when absent
  int64_t lifetime_s = 0;
  std::string links;  // the registration's link format
  int64_t first_seen_ms = 0;
  int64_t registered_at_ms = 0;  // the last (re-)registration
  int64_t last_seen_ms = 0;      // the last registration or refresh
  int64_t offline_since_ms = 0;  // when the registration lapsed or was removed; 0 while online
  uint64_t events_next = 0;      // the device event sequence number to observe from
  bool online = false;
  bool observing = false;  // an /events observation is running (this run only)
};

// The device as the API shows it; `detail` adds the registration's links and event position.
[[nodiscard]] Json to_json(const Device& device, bool detail);

}  // namespace tc::gw
