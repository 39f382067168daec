// A device's /events notifications (docs/protocol.md: CBOR {"next": uint, "events": [{"seq",
// "time_ms", "kind", "container", ...}]}) as events of the gateway's stream: each device event
// becomes one stream event whose type is its kind, with its fields and "device".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace tc::gw {

struct DeviceEvent {
  uint64_t seq = 0;
  std::string type;  // the device's kind when it is a plain token, else "device_event"
  Json fields;       // the device's event object as it came
};

struct DeviceEventBatch {
  uint64_t next = 0;  // the device's next sequence number
  std::vector<DeviceEvent> events;
};

struct DecodedDeviceEvents {
  std::optional<DeviceEventBatch> batch;
  std::string error;  // why the notification is not a batch of events
};

[[nodiscard]] DecodedDeviceEvents decode_device_events(std::span<const uint8_t> cbor);

}  // namespace tc::gw
