// Port: the device's resource drivers (sensors, actuators, radio, ...), by index, with the board
// profile's metadata (DESIGN.md 2.3: name, kind, value range, energy cost per use).
//
// Two shapes of resource:
// - value resources (a temperature, a lock position) exchange one signed integer in the board's
//   unit; writes are checked against both the board's range and the manifest's bounds;
// - byte resources (a radio scan, a display line) exchange raw bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace tc::agent {

enum class ValueType : uint8_t { integer = 1, bytes = 2 };

struct ResourceInfo {
  std::string_view target;  // the manifest target naming it, e.g. "sensor/temperature"
  ValueType type = ValueType::integer;
  bool readable = true;
  bool writable = false;
  int64_t min_value = INT64_MIN;  // the board's safe range for integer writes
  int64_t max_value = INT64_MAX;
  uint32_t energy_uj_per_use = 0;   // charged to the endpoint's energy budget per call
  uint32_t max_bytes = UINT32_MAX;  // byte resources: the largest value written at once
};

class Resources {
 public:
  virtual ~Resources() = default;
  [[nodiscard]] virtual uint32_t count() const = 0;
  [[nodiscard]] virtual ResourceInfo info(uint32_t index) const = 0;
  // Integer resources.
  virtual Result<int64_t> read_value(uint32_t index) = 0;
  virtual Status write_value(uint32_t index, int64_t value) = 0;
  // Byte resources: a read fills `out` (a radio scan) and returns the count; a write consumes
  // `in` and returns the count accepted.
  virtual Result<uint32_t> read_bytes(uint32_t index, std::span<uint8_t> out) = 0;
  virtual Result<uint32_t> write_bytes(uint32_t index, std::span<const uint8_t> in) = 0;
};

}  // namespace tc::agent
