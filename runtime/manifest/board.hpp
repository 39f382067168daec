// The board profile (docs/manifest.md, "Board profile"): what the device maker declares about a
// device: its model, its capacities and its resources (kind, value type and range, unit, energy
// cost per use), plus for the native port's simulation a signal each sensor follows. On the
// native port it is read from JSON (cli/manifest/board_json.hpp); firmware can hold it as a
// constant. validate_against_board() (validate.hpp) checks a manifest against it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "manifest/manifest.hpp"
#include "manifest/target.hpp"

namespace tc::manifest {

inline constexpr std::size_t kMaxBoardResources = 24;
inline constexpr std::size_t kMaxUnitLength = 15;
inline constexpr std::size_t kBoardIdSize = 16;  // a UUID (RFC 9562), as SUIT identifiers are

using Unit = FixedString<kMaxUnitLength + 1>;

enum class ValueType : uint8_t { integer = 1, boolean = 2, bytes = 3 };

inline constexpr const char* kValueTypeNames[] = {nullptr, "int", "bool", "bytes"};

// How a simulated resource's value moves (native port only; real hardware ignores it).
enum class SignalShape : uint8_t { none = 0, constant = 1, sine = 2, random_walk = 3, square = 4 };

inline constexpr const char* kSignalShapeNames[] = {"none", "constant", "sine", "random_walk",
                                                    "square"};

struct Signal {
  SignalShape shape = SignalShape::none;
  int64_t value = 0;       // constant: the value; sine, square: the centre; random_walk: the start
  int64_t amplitude = 0;   // sine, square: the peak deviation from `value`
  uint32_t period_ms = 0;  // sine, square: the period
  int64_t step = 0;        // random_walk: the largest change per sample

  friend bool operator==(const Signal&, const Signal&) = default;
};

struct BoardResource {
  Target name;  // "sensor/temperature": KIND/NAME, as endpoint targets name it
  ResourceKind kind = ResourceKind::sensor;
  ValueType type = ValueType::integer;
  // Range of an integer or boolean value (a boolean is 0..1). Unused for bytes.
  int64_t min_value = 0;
  int64_t max_value = 0;
  uint32_t max_bytes = 0;              // bytes: the largest value read or written at once
  Unit unit;                           // free text for people: "cdegC", "%", "deg"
  uint32_t energy_uj = 0;              // energy cost of one use (read or write), in microjoules
  Direction access = Direction::read;  // what containers may do with it at most
  Signal signal;

  friend bool operator==(const BoardResource&, const BoardResource&) = default;
};

// 0 means "not limited by the profile" for each capacity.
struct BoardCapacities {
  uint8_t max_containers = 0;
  uint32_t memory_per_container_bytes = 0;  // stack + data of one container
  uint32_t memory_total_bytes = 0;          // stack + data of all containers
  uint32_t storage_total_bytes = 0;         // key-value storage of all containers

  friend bool operator==(const BoardCapacities&, const BoardCapacities&) = default;
};

struct BoardProfile {
  Name model;
  // The SUIT vendor and class identifiers (RFC 9124) a signed envelope's conditions must name to
  // install on this board. Optional: without them tcctl and the device derive TinyContainer's
  // defaults (a fixed vendor, a class from the model name), so both sides always agree.
  uint8_t vendor_id[kBoardIdSize] = {};
  uint8_t class_id[kBoardIdSize] = {};
  bool has_vendor_id = false;
  bool has_class_id = false;
  BoardCapacities capacities;
  BoardResource resources[kMaxBoardResources];
  uint8_t resource_count = 0;

  // The resource named `name`, or nullptr.
  [[nodiscard]] const BoardResource* find(std::string_view name) const {
    for (uint8_t i = 0; i < resource_count; ++i) {
      if (resources[i].name.view() == name) return &resources[i];
    }
    return nullptr;
  }

  friend bool operator==(const BoardProfile&, const BoardProfile&) = default;
};

// What a resource kind allows unless the profile says less: sensors are read-only, everything
// else may be read and written.
[[nodiscard]] constexpr Direction default_access(ResourceKind kind) {
  return kind == ResourceKind::sensor ? Direction::read : Direction::read_write;
}

// Whether `wanted` stays inside `allowed` (read_write is both bits).
[[nodiscard]] constexpr bool access_allows(Direction allowed, Direction wanted) {
  return (static_cast<uint8_t>(wanted) & ~static_cast<uint8_t>(allowed)) == 0;
}

}  // namespace tc::manifest
