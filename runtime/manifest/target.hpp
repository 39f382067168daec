// Endpoint targets: what a target string names and whether it is well formed.
//   "sensor/temperature", "actuator/lock", "radio/scanner", "storage/flash", "ml/anomaly"
//                               -> a resource of the board profile (its kind is the prefix)
//   "channel/alerts"            -> a publish/subscribe channel between containers
//   "coap://host[:port]/path", "coaps://...", "http://...", "https://..."
//                               -> a remote resource reached through the gateway
#pragma once

#include <cstdint>
#include <string_view>

#include "manifest/manifest.hpp"

namespace tc::manifest {

// The kind of a board resource, and the prefix of the targets that name it.
enum class ResourceKind : uint8_t { sensor = 1, actuator = 2, radio = 3, storage = 4, ml = 5 };

inline constexpr const char* kResourceKindNames[] = {nullptr, "sensor",  "actuator",
                                                     "radio", "storage", "ml"};

// The kind a well-formed target names; false when the target is malformed.
[[nodiscard]] bool classify_target(std::string_view target, TargetKind& kind);

// The resource kind of a "KIND/NAME" target; false for channels, remotes and bad prefixes.
[[nodiscard]] bool resource_kind(std::string_view target, ResourceKind& kind);

// A name segment: 1..n characters of a-z, 0-9, '-', '_' (resource, channel and export names).
[[nodiscard]] bool is_segment(std::string_view text);

}  // namespace tc::manifest
