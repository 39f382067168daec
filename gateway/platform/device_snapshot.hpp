// What a device holds, read through the DeviceLink for the platform link: GET /c, then
// GET /c/{name} of every container (asked together), for reconciling (state, sequence), the
// state pushed to the platform and metering (stats).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "link/device_link.hpp"
#include "platform/reconciler.hpp"

namespace tc::gw {

struct ContainerSnapshot {
  std::string name;
  uint64_t version = 0;
  std::string tenant;
  std::string state;
  uint64_t sequence = 0;
  Json status;  // GET /c/{name} as JSON (stats among it)
};

struct DeviceSnapshot {
  std::vector<ContainerSnapshot> containers;
  std::string error;  // empty when the device answered everything

  [[nodiscard]] bool ok() const { return error.empty(); }
};

// Blocks (the caller's thread) until the device answered or `timeout` passed.
[[nodiscard]] DeviceSnapshot read_device_snapshot(DeviceLink& link, const DeviceAddress& at,
                                                  std::chrono::milliseconds timeout);

[[nodiscard]] std::vector<ActualContainer> actual_containers(const DeviceSnapshot& snapshot);
// The containers as the state pushed to the platform shows them.
[[nodiscard]] Json state_json(const DeviceSnapshot& snapshot);

}  // namespace tc::gw
