// The manifest's field names and CBOR map keys (docs/manifest.md, "CBOR encoding"). One table
// for the codec, the validator's error paths and the host's JSON layer, so a field has the same
// name in a JSON document, in an error path and in the documentation.
//
// Each map is a small-integer-keyed CBOR map (as SUIT does); names[key] is the field's name and
// names[0] is unused. Keys are never renumbered, only appended.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace tc::manifest::schema {

struct MapSchema {
  std::span<const char* const> names;  // names[key]; names[0] == nullptr

  [[nodiscard]] constexpr uint8_t size() const { return static_cast<uint8_t>(names.size()); }
  [[nodiscard]] constexpr bool has_key(uint64_t key) const { return key > 0 && key < names.size(); }
  // The key of a field name, or 0.
  [[nodiscard]] constexpr uint8_t key_of(std::string_view name) const {
    for (uint8_t k = 1; k < size(); ++k) {
      if (name == names[k]) return k;
    }
    return 0;
  }
};

namespace top {
inline constexpr uint8_t name = 1, version = 2, tenant = 3, runtime = 4, memory = 5, timing = 6,
                         failure = 7, endpoints = 8, exports = 9;
inline constexpr const char* kNames[] = {nullptr,  "name",   "version", "tenant",    "runtime",
                                         "memory", "timing", "failure", "endpoints", "exports"};
}  // namespace top

namespace memory {
inline constexpr uint8_t stack_bytes = 1, data_bytes = 2, storage_bytes = 3;
inline constexpr const char* kNames[] = {nullptr, "stack_bytes", "data_bytes", "storage_bytes"};
}  // namespace memory

namespace timing {
inline constexpr uint8_t loop_period_ms = 1, max_start_ms = 2, max_loop_ms = 3, max_stop_ms = 4,
                         max_event_ms = 5, fuel = 6, cpu_share_permille = 7, cpu_window_ms = 8,
                         max_lifetime_s = 9;
inline constexpr const char* kNames[] = {
    nullptr,        "loop_period_ms", "max_start_ms",       "max_loop_ms",   "max_stop_ms",
    "max_event_ms", "fuel",           "cpu_share_permille", "cpu_window_ms", "max_lifetime_s"};
}  // namespace timing

namespace failure {
inline constexpr uint8_t strikes = 1, backoff_ms = 2, max_restarts = 3;
inline constexpr const char* kNames[] = {nullptr, "strikes", "backoff_ms", "max_restarts"};
}  // namespace failure

namespace endpoint {
inline constexpr uint8_t id = 1, target = 2, direction = 3, limits = 4;
inline constexpr const char* kNames[] = {nullptr, "id", "target", "direction", "limits"};
}  // namespace endpoint

namespace limits {
inline constexpr uint8_t calls_per_second = 1, bytes_per_window = 2, window_ms = 3,
                         energy_per_window_uj = 4, min = 5, max = 6;
inline constexpr const char* kNames[] = {nullptr,     "calls_per_second",     "bytes_per_window",
                                         "window_ms", "energy_per_window_uj", "min",
                                         "max"};
}  // namespace limits

namespace exports {
inline constexpr uint8_t path = 1, methods = 2, observable = 3;
inline constexpr const char* kNames[] = {nullptr, "path", "methods", "observable"};
}  // namespace exports

inline constexpr MapSchema kTop{top::kNames};
inline constexpr MapSchema kMemory{memory::kNames};
inline constexpr MapSchema kTiming{timing::kNames};
inline constexpr MapSchema kFailure{failure::kNames};
inline constexpr MapSchema kEndpoint{endpoint::kNames};
inline constexpr MapSchema kLimits{limits::kNames};
inline constexpr MapSchema kExport{exports::kNames};

// Every field of every map is required except the value bounds of an endpoint, which are
// present together (an actuator grant) or not at all. Bit k stands for key k.
inline constexpr uint32_t all_keys(const MapSchema& map) {
  return ((1u << map.size()) - 1u) & ~1u;
}
inline constexpr uint32_t kLimitsRequired =
    all_keys(kLimits) & ~((1u << limits::min) | (1u << limits::max));

// Runtime, direction and method names, as JSON and error messages spell them.
inline constexpr const char* kRuntimeNames[] = {nullptr, "ebpf", "wasm"};
inline constexpr const char* kDirectionNames[] = {nullptr, "read", "write", "read_write"};
inline constexpr const char* kMethodNames[] = {"GET", "POST", "PUT", "DELETE"};  // bit order

}  // namespace tc::manifest::schema
