#include "manifest/board_json.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "manifest/json_reader.hpp"
#include "manifest/schema.hpp"
#include "manifest/strict_json.hpp"
#include "manifest/suggest.hpp"
#include "manifest/target.hpp"

namespace tc::manifest_json {
namespace {

using nlohmann::json;
namespace m = manifest;

constexpr const char* kTopFields[] = {"model", "vendor_id", "class_id", "capacities", "resources"};
constexpr const char* kCapacityFields[] = {"max_containers", "memory_per_container_bytes",
                                           "memory_total_bytes", "storage_total_bytes"};
constexpr const char* kResourceFields[] = {"name",      "kind", "type",      "min",    "max",
                                           "max_bytes", "unit", "energy_uj", "access", "signal"};
constexpr const char* kSignalFields[] = {"shape", "value", "amplitude", "period_ms", "step"};

void read_capacities(JsonReader& r, const json& j, const std::string& path,
                     m::BoardCapacities& out) {
  if (!r.object(j, path, kCapacityFields)) return;
  r.unsigned_field(j, path, "max_containers", out.max_containers);
  r.unsigned_field(j, path, "memory_per_container_bytes", out.memory_per_container_bytes);
  r.unsigned_field(j, path, "memory_total_bytes", out.memory_total_bytes);
  r.unsigned_field(j, path, "storage_total_bytes", out.storage_total_bytes);
}

// The simulated signal must stay inside the resource's range, or the simulation would feed
// containers values the real device could never produce.
void check_signal(JsonReader& r, const m::Signal& s, const std::string& path,
                  const m::BoardResource& res) {
  const bool swings = s.shape == m::SignalShape::sine || s.shape == m::SignalShape::square;
  if (swings && s.period_ms == 0) r.error(child(path, "period_ms"), "must be greater than 0");
  if (s.shape == m::SignalShape::random_walk && s.step <= 0) {
    r.error(child(path, "step"), "must be greater than 0");
  }
  const int64_t amplitude = swings ? s.amplitude : 0;
  if (amplitude < 0) return r.error(child(path, "amplitude"), "must not be negative");
  if (s.value - amplitude < res.min_value || s.value + amplitude > res.max_value) {
    r.error(child(path, "value"), "signal leaves the resource's range " +
                                      std::to_string(res.min_value) + ".." +
                                      std::to_string(res.max_value));
  }
}

void read_signal(JsonReader& r, const json& j, const std::string& path, m::BoardResource& res) {
  if (!r.object(j, path, kSignalFields)) return;
  uint8_t shape = 0;
  const std::size_t before = r.error_count();
  // kSignalShapeNames[0] is "none": not a shape one writes, so skip it as choice_field does.
  const char* const shapes[] = {nullptr, "constant", "sine", "random_walk", "square"};
  if (r.choice_field(j, path, "shape", shapes, shape, Presence::required)) {
    res.signal.shape = static_cast<m::SignalShape>(shape);
  }
  r.integer_field(j, path, "value", res.signal.value, Presence::required);
  r.integer_field(j, path, "amplitude", res.signal.amplitude);
  r.unsigned_field(j, path, "period_ms", res.signal.period_ms);
  r.integer_field(j, path, "step", res.signal.step);
  if (res.type == m::ValueType::bytes) return r.error(path, "bytes resources have no signal");
  if (r.error_count() == before) check_signal(r, res.signal, path, res);
}

void read_kind(JsonReader& r, const json& j, const std::string& path, m::BoardResource& res) {
  if (!m::resource_kind(res.name.view(), res.kind)) {
    return r.error(child(path, "name"), "expected KIND/NAME with KIND one of " +
                                            join(m::kResourceKindNames) +
                                            " and NAME of a-z, 0-9, '-', '_'");
  }
  uint8_t kind = 0;
  if (r.choice_field(j, path, "kind", m::kResourceKindNames, kind) &&
      static_cast<m::ResourceKind>(kind) != res.kind) {
    r.error(child(path, "kind"), "does not match the name's prefix");
  }
}

void read_range(JsonReader& r, const json& j, const std::string& path, m::BoardResource& res) {
  if (res.type == m::ValueType::bytes) {
    if (j.contains("min") || j.contains("max")) r.error(path, "bytes resources have no min/max");
    r.unsigned_field(j, path, "max_bytes", res.max_bytes, Presence::required);
    if (res.max_bytes == 0 && j.contains("max_bytes")) {
      r.error(child(path, "max_bytes"), "must be greater than 0");
    }
    return;
  }
  if (j.contains("max_bytes")) r.error(child(path, "max_bytes"), "only for bytes resources");
  const bool boolean = res.type == m::ValueType::boolean;
  res.min_value = 0;
  res.max_value = boolean ? 1 : 0;
  const Presence needed = boolean ? Presence::optional : Presence::required;
  r.integer_field(j, path, "min", res.min_value, needed);
  r.integer_field(j, path, "max", res.max_value, needed);
  if (res.min_value > res.max_value) r.error(child(path, "min"), "min above max");
  if (boolean && (res.min_value < 0 || res.max_value > 1)) {
    r.error(path, "a bool resource's range lies within 0..1");
  }
}

void read_access(JsonReader& r, const json& j, const std::string& path, m::BoardResource& res) {
  res.access = m::default_access(res.kind);
  uint8_t access = 0;
  if (!r.choice_field(j, path, "access", m::schema::kDirectionNames, access)) return;
  res.access = static_cast<m::Direction>(access);
  // A sensor cannot be written; declaring it writable would be a profile bug, not a grant.
  if (res.kind == m::ResourceKind::sensor && res.access != m::Direction::read) {
    r.error(child(path, "access"), "sensors are read-only");
  }
}

void read_resource(JsonReader& r, const json& j, const std::string& path, m::BoardResource& res) {
  if (!r.object(j, path, kResourceFields)) return;
  if (r.text_field(j, path, "name", res.name, Presence::required)) read_kind(r, j, path, res);
  uint8_t type = 0;
  if (r.choice_field(j, path, "type", m::kValueTypeNames, type, Presence::required)) {
    res.type = static_cast<m::ValueType>(type);
    read_range(r, j, path, res);
  }
  r.text_field(j, path, "unit", res.unit);
  r.unsigned_field(j, path, "energy_uj", res.energy_uj);
  read_access(r, j, path, res);
  if (const json* signal = r.find(j, path, "signal", Presence::optional)) {
    read_signal(r, *signal, child(path, "signal"), res);
  }
}

void read_resources(JsonReader& r, const json& j, m::BoardProfile& out) {
  const json* list = r.find(j, "$", "resources", Presence::required);
  if (list == nullptr) return;
  if (!list->is_array()) return r.error("$.resources", "expected an array");
  if (list->size() > m::kMaxBoardResources) {
    return r.error("$.resources",
                   "at most " + std::to_string(m::kMaxBoardResources) + " resources");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = element("$.resources", i);
    read_resource(r, (*list)[i], path, out.resources[i]);
    const std::string name(out.resources[i].name.view());
    if (!name.empty() && !names.insert(name).second) {
      r.error(child(path, "name"), "duplicate resource " + name);
    }
  }
  out.resource_count = static_cast<uint8_t>(list->size());
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe" (RFC 9562's text form, either case) -> 16 bytes.
bool parse_uuid_text(std::string_view text, uint8_t (&out)[m::kBoardIdSize]) {
  static constexpr std::size_t kTextSize = 36;
  if (text.size() != kTextSize) return false;
  std::size_t byte = 0;
  for (std::size_t i = 0; i < kTextSize;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i++] != '-') return false;
      continue;
    }
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out[byte++] = static_cast<uint8_t>(high << 4 | low);
    i += 2;
  }
  return true;
}

// An optional UUID field; `present` says whether the board gave one.
void read_uuid(JsonReader& r, const json& j, const char* name, uint8_t (&out)[m::kBoardIdSize],
               bool& present) {
  const json* value = r.find(j, "$", name, Presence::optional);
  if (value == nullptr) return;
  uint8_t uuid[m::kBoardIdSize] = {};
  if (!value->is_string() || !parse_uuid_text(value->get_ref<const std::string&>(), uuid)) {
    return r.error(child("$", name),
                   "expected a UUID: 32 hex digits grouped 8-4-4-4-12, such as "
                   "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe");
  }
  std::copy(std::begin(uuid), std::end(uuid), std::begin(out));
  present = true;
}

}  // namespace

BoardResult read_board(const json& document) {
  BoardResult result;
  JsonReader r(result.errors);
  if (!r.object(document, "$", kTopFields)) return result;
  r.text_field(document, "$", "model", result.board.model, Presence::required);
  read_uuid(r, document, "vendor_id", result.board.vendor_id, result.board.has_vendor_id);
  read_uuid(r, document, "class_id", result.board.class_id, result.board.has_class_id);
  if (const json* capacities = r.find(document, "$", "capacities", Presence::optional)) {
    read_capacities(r, *capacities, "$.capacities", result.board.capacities);
  }
  read_resources(r, document, result.board);
  return result;
}

BoardResult parse_board(std::string_view text) {
  BoardResult result;
  const json document = parse_strict(text, result.errors);
  if (!result.errors.empty()) return result;
  return read_board(document);
}

}  // namespace tc::manifest_json
