#include "manifest/manifest_json.hpp"

#include "manifest/json_reader.hpp"
#include "manifest/schema.hpp"
#include "manifest/strict_json.hpp"
#include "manifest/suggest.hpp"
#include "manifest/target.hpp"
#include "manifest/validate.hpp"

namespace tc::manifest_json {
namespace {

using nlohmann::json;
namespace m = manifest;
namespace s = manifest::schema;

void read_memory(JsonReader& r, const json& j, const std::string& path, m::Memory& out) {
  if (!r.object(j, path, s::memory::kNames)) return;
  r.unsigned_field(j, path, "stack_bytes", out.stack_bytes);
  r.unsigned_field(j, path, "data_bytes", out.data_bytes);
  r.unsigned_field(j, path, "storage_bytes", out.storage_bytes);
}

void read_timing(JsonReader& r, const json& j, const std::string& path, m::Timing& out) {
  if (!r.object(j, path, s::timing::kNames)) return;
  r.unsigned_field(j, path, "loop_period_ms", out.loop_period_ms);
  r.unsigned_field(j, path, "max_start_ms", out.max_start_ms);
  r.unsigned_field(j, path, "max_loop_ms", out.max_loop_ms);
  r.unsigned_field(j, path, "max_stop_ms", out.max_stop_ms);
  r.unsigned_field(j, path, "max_event_ms", out.max_event_ms);
  r.unsigned_field(j, path, "fuel", out.fuel);
  r.unsigned_field(j, path, "cpu_share_permille", out.cpu_share_permille);
  r.unsigned_field(j, path, "cpu_window_ms", out.cpu_window_ms);
  r.unsigned_field(j, path, "max_lifetime_s", out.max_lifetime_s);
}

void read_failure(JsonReader& r, const json& j, const std::string& path, m::FailurePolicy& out) {
  if (!r.object(j, path, s::failure::kNames)) return;
  r.unsigned_field(j, path, "strikes", out.strikes);
  r.unsigned_field(j, path, "backoff_ms", out.backoff_ms);
  r.unsigned_field(j, path, "max_restarts", out.max_restarts);
}

void read_limits(JsonReader& r, const json& j, const std::string& path, m::EndpointLimits& out) {
  if (!r.object(j, path, s::limits::kNames)) return;
  r.unsigned_field(j, path, "calls_per_second", out.calls_per_second);
  r.unsigned_field(j, path, "bytes_per_window", out.bytes_per_window);
  r.unsigned_field(j, path, "window_ms", out.window_ms);
  r.unsigned_field(j, path, "energy_per_window_uj", out.energy_per_window_uj);
  const bool has_min = j.contains("min");
  const bool has_max = j.contains("max");
  r.integer_field(j, path, "min", out.min_value);
  r.integer_field(j, path, "max", out.max_value);
  // Bounds come in pairs: a lone min or max would leave the other side open.
  if (has_min != has_max) r.error(child(path, has_min ? "max" : "min"), "min and max go together");
  out.has_bounds = has_min && has_max;
}

void read_endpoint(JsonReader& r, const json& j, const std::string& path, m::Endpoint& out) {
  if (!r.object(j, path, s::endpoint::kNames)) return;
  r.unsigned_field(j, path, "id", out.id, Presence::required);
  if (r.text_field(j, path, "target", out.target, Presence::required)) {
    (void)m::classify_target(out.target.view(), out.kind);  // validate() reports a bad target
  }
  uint8_t direction = 0;
  if (r.choice_field(j, path, "direction", s::kDirectionNames, direction, Presence::required)) {
    out.direction = static_cast<m::Direction>(direction);
  }
  if (const json* limits = r.find(j, path, "limits", Presence::optional)) {
    read_limits(r, *limits, child(path, "limits"), out.limits);
  }
}

void read_methods(JsonReader& r, const json& j, const std::string& path, uint8_t& out) {
  if (!j.is_array()) return r.error(path, "expected an array of GET, POST, PUT, DELETE");
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = element(path, i);
    uint8_t bit = 0;
    while (bit < 4 &&
           !(j[i].is_string() && j[i].get_ref<const std::string&>() == s::kMethodNames[bit]))
      ++bit;
    if (bit == 4) {
      r.error(at, "expected one of " + join(s::kMethodNames));
      continue;
    }
    const auto flag = static_cast<uint8_t>(1u << bit);
    if ((out & flag) != 0) r.error(at, "duplicate method");
    out |= flag;
  }
}

void read_export(JsonReader& r, const json& j, const std::string& path, m::Export& out) {
  if (!r.object(j, path, s::exports::kNames)) return;
  r.text_field(j, path, "path", out.path, Presence::required);
  if (const json* methods = r.find(j, path, "methods", Presence::required)) {
    read_methods(r, *methods, child(path, "methods"), out.methods);
  }
  r.bool_field(j, path, "observable", out.observable);
}

template <typename Item, typename ReadItem>
uint8_t read_list(JsonReader& r, const json& object, const char* name, std::size_t capacity,
                  Item* items, ReadItem read_item) {
  const json* list = r.find(object, "$", name, Presence::optional);
  if (list == nullptr) return 0;
  const std::string path = child("$", name);
  if (!list->is_array()) {
    r.error(path, "expected an array");
    return 0;
  }
  if (list->size() > capacity) {
    r.error(path, "at most " + std::to_string(capacity) + " " + name + " (found " +
                      std::to_string(list->size()) + ")");
    return 0;
  }
  for (std::size_t i = 0; i < list->size(); ++i)
    read_item(r, (*list)[i], element(path, i), items[i]);
  return static_cast<uint8_t>(list->size());
}

void read_top(JsonReader& r, const json& j, m::Manifest& out) {
  if (!r.object(j, "$", s::top::kNames)) return;
  r.text_field(j, "$", "name", out.name, Presence::required);
  r.unsigned_field(j, "$", "version", out.version, Presence::required);
  r.text_field(j, "$", "tenant", out.tenant, Presence::required);
  uint8_t runtime = 0;
  if (r.choice_field(j, "$", "runtime", s::kRuntimeNames, runtime)) {
    out.runtime = static_cast<m::Runtime>(runtime);
  }
  if (const json* v = r.find(j, "$", "memory", Presence::optional)) {
    read_memory(r, *v, "$.memory", out.memory);
  }
  if (const json* v = r.find(j, "$", "timing", Presence::optional)) {
    read_timing(r, *v, "$.timing", out.timing);
  }
  if (const json* v = r.find(j, "$", "failure", Presence::optional)) {
    read_failure(r, *v, "$.failure", out.failure);
  }
  out.endpoint_count = read_list(r, j, "endpoints", m::kMaxEndpoints, out.endpoints, read_endpoint);
  out.export_count = read_list(r, j, "exports", m::kMaxExports, out.exports, read_export);
}

// Whether `path` is `prefix` or lies inside it ("$.a[1]" inside "$.a", "$.ab" not).
bool inside(const std::string& path, const std::string& prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

// A semantic error adds nothing when the same field already failed to read: the value the
// validator saw there is a default, not what the author wrote.
void add_semantic(JsonErrors& errors, std::size_t read_errors, const m::ManifestError& error) {
  JsonError e = to_json_error(error);
  for (std::size_t i = 0; i < read_errors; ++i) {
    if (inside(e.path, errors[i].path) || inside(errors[i].path, e.path)) return;
  }
  errors.push_back(std::move(e));
}

struct SinkContext {
  JsonErrors* errors;
  std::size_t read_errors;
};

bool sink(void* context, const m::ManifestError& error) {
  auto* c = static_cast<SinkContext*>(context);
  add_semantic(*c->errors, c->read_errors, error);
  return true;
}

// The limit behind a too_large / too_small error, by the field's name.
std::string limit_of(const std::string& path, m::Reason reason) {
  const auto ends_with = [&](const char* name) { return path.ends_with(name); };
  if (reason == m::Reason::too_small && ends_with("stack_bytes")) {
    return std::to_string(m::kMinStackBytes);
  }
  if (reason != m::Reason::too_large) return {};
  if (ends_with("stack_bytes")) return std::to_string(m::kMaxStackBytes);
  if (ends_with("data_bytes")) return std::to_string(m::kMaxDataBytes);
  if (ends_with("storage_bytes")) return std::to_string(m::kMaxStorageBytes);
  if (ends_with("_ms")) return std::to_string(m::kMaxDeadlineMs);
  return {};
}

}  // namespace

JsonError to_json_error(const m::ManifestError& error) {
  char text[96];
  TextBuilder builder(text);
  error.path.render(builder);
  std::string path = builder.size() == 0 ? "$" : std::string("$.") + text;
  std::string message = error.describe();
  const std::string limit = limit_of(path, error.reason);
  if (!limit.empty()) message += " (" + limit + ")";
  return {std::move(path), std::move(message)};
}

ManifestResult read_manifest(const json& document, const m::BoardProfile* board) {
  ManifestResult result;
  JsonReader reader(result.errors);
  read_top(reader, document, result.manifest);
  if (!document.is_object()) return result;
  SinkContext context{&result.errors, result.errors.size()};
  (void)m::validate_all(result.manifest, sink, &context);
  // The board check assumes a manifest that is valid in itself.
  if (board != nullptr && result.errors.empty()) {
    (void)m::validate_against_board_all(result.manifest, *board, sink, &context);
  }
  return result;
}

ManifestResult parse_manifest(std::string_view text, const m::BoardProfile* board) {
  ManifestResult result;
  const json document = parse_strict(text, result.errors);
  if (!result.errors.empty()) return result;
  return read_manifest(document, board);
}

}  // namespace tc::manifest_json
