// A grant (docs/platform.md "Resources"): a device owner rents resources on some of its devices
// to a tenant for a while. It names the devices (ids and/or labels), the endpoints the tenant's
// containers may use with the most each may ask for, the most CPU, memory and storage a container
// may take, how many containers the tenant may run on one device, and when the grant is valid.
// Zero in a maximum means the grant sets no maximum for it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"

namespace tc::platform {

struct GrantedEndpoint {
  std::string target;  // exactly as a manifest names it: "sensor/temperature", "coap://gateway/x"
  manifest::Direction direction = manifest::Direction::read;
  uint32_t calls_per_second = 0;
  uint32_t bytes_per_window = 0;
  uint32_t window_ms = 1000;  // the window of bytes_per_window and energy_per_window_uj
  uint32_t energy_per_window_uj = 0;
  std::optional<std::pair<int64_t, int64_t>> bounds;  // the values a write may carry, [min, max]
};

struct GrantLimits {
  uint32_t cpu_share_permille = 0;
  uint32_t memory_bytes = 0;   // stack + data of one container
  uint32_t storage_bytes = 0;  // key-value storage of one container
  uint32_t containers = 0;     // the tenant's containers on one device
};

struct DeviceSelector {
  std::vector<std::string> ids;
  std::map<std::string, std::string> labels;  // every one must match

  // Ids select those devices; labels select the devices carrying all of them; both: either.
  [[nodiscard]] bool matches(const std::string& id,
                             const std::map<std::string, std::string>& device_labels) const;
};

struct Grant {
  std::string tenant;  // who receives it
  DeviceSelector devices;
  std::vector<GrantedEndpoint> endpoints;
  GrantLimits limits;
  int64_t valid_from_ms = 0;
  std::optional<int64_t> valid_until_ms;  // none: until revoked
  std::optional<int64_t> revoked_ms;

  [[nodiscard]] bool active_at(int64_t now_ms) const;
};

}  // namespace tc::platform
