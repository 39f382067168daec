// What the platform wants each gateway's devices to run (the `desired` table), read as the
// gateway pulls it (GET /api/v1/gateway/desired, docs/api/platform-link.md) and the envelopes it
// names. A device is listed (managed: its gateway makes its containers equal to the list) only
// when it has desired containers or was marked managed (device_store.hpp set_device_managed):
// a device the platform never deployed to is left to its gateway's own API, and an empty list,
// which removes everything, is only ever sent on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/connection.hpp"

namespace tc::platform {

struct DesiredContainer {
  std::string name;
  int64_t sequence = 0;
  std::string digest;  // SHA-256 of the envelope, 64 lowercase hex digits
  int64_t size = 0;    // bytes of the envelope
  std::string state;   // running, stopped
};

struct DesiredDevice {
  std::string name;
  std::vector<DesiredContainer> containers;  // by name
};

// The managed devices of a gateway, by name.
[[nodiscard]] std::vector<DesiredDevice> desired_devices(sql::Connection& c, int64_t gateway_id);

// The envelope with that digest, only when a desired container of one of the gateway's devices
// names it: whether other envelopes exist must not leak to a gateway.
[[nodiscard]] std::optional<std::vector<uint8_t>> desired_envelope(sql::Connection& c,
                                                                   int64_t gateway_id,
                                                                   std::string_view sha256);

}  // namespace tc::platform
