// The actual state the gateway pushes (docs/api/platform-link.md, "Actual state"): every device
// the gateway knows, what it last reported, and for managed devices the sync status of each
// desired container. The whole picture each time: the platform replaces what it held.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "devices/device.hpp"
#include "platform/desired_state.hpp"
#include "platform/reconciler.hpp"

namespace tc::gw {

// What the link last learnt of a device.
struct DeviceView {
  std::optional<Json> containers;   // as last read (state_json); none while never read
  std::vector<ContainerSync> sync;  // managed devices: per desired container
};
using DeviceViews = std::map<std::string, DeviceView, std::less<>>;

[[nodiscard]] Json state_report(const std::vector<Device>& devices, const DeviceViews& views,
                                const std::optional<DesiredState>& desired, int64_t now_ms,
                                std::string_view version);

[[nodiscard]] Json to_json(const ContainerSync& sync);

}  // namespace tc::gw
