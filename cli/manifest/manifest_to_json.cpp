// Manifest -> JSON: every field written, defaults included, so what a device holds can be read
// in full (tcctl manifest decode, tcctl suit inspect).
#include "manifest/manifest_json.hpp"
#include "manifest/schema.hpp"

namespace tc::manifest_json {
namespace {

using json = nlohmann::ordered_json;
namespace m = manifest;
namespace s = manifest::schema;

// The name of an enumerated value, or its number when it has none (a hand-built Manifest).
json enum_name(std::span<const char* const> names, uint8_t value) {
  if (value < names.size() && names[value] != nullptr) return names[value];
  return value;
}

json limits_json(const m::EndpointLimits& l) {
  json j = {{"calls_per_second", l.calls_per_second},
            {"bytes_per_window", l.bytes_per_window},
            {"window_ms", l.window_ms},
            {"energy_per_window_uj", l.energy_per_window_uj}};
  if (l.has_bounds) {
    j["min"] = l.min_value;
    j["max"] = l.max_value;
  }
  return j;
}

json endpoint_json(const m::Endpoint& e) {
  return {{"id", e.id},
          {"target", e.target.view()},
          {"direction", enum_name(s::kDirectionNames, static_cast<uint8_t>(e.direction))},
          {"limits", limits_json(e.limits)}};
}

json export_json(const m::Export& e) {
  json methods = json::array();
  for (uint8_t bit = 0; bit < 4; ++bit) {
    if ((e.methods & (1u << bit)) != 0) methods.push_back(s::kMethodNames[bit]);
  }
  return {{"path", e.path.view()}, {"methods", methods}, {"observable", e.observable}};
}

}  // namespace

json to_json(const m::Manifest& manifest) {
  const m::Timing& t = manifest.timing;
  json j = {{"name", manifest.name.view()},
            {"version", manifest.version},
            {"tenant", manifest.tenant.view()},
            {"runtime", enum_name(s::kRuntimeNames, static_cast<uint8_t>(manifest.runtime))},
            {"memory",
             {{"stack_bytes", manifest.memory.stack_bytes},
              {"data_bytes", manifest.memory.data_bytes},
              {"storage_bytes", manifest.memory.storage_bytes}}},
            {"timing",
             {{"loop_period_ms", t.loop_period_ms},
              {"max_start_ms", t.max_start_ms},
              {"max_loop_ms", t.max_loop_ms},
              {"max_stop_ms", t.max_stop_ms},
              {"max_event_ms", t.max_event_ms},
              {"fuel", t.fuel},
              {"cpu_share_permille", t.cpu_share_permille},
              {"cpu_window_ms", t.cpu_window_ms},
              {"max_lifetime_s", t.max_lifetime_s}}},
            {"failure",
             {{"strikes", manifest.failure.strikes},
              {"backoff_ms", manifest.failure.backoff_ms},
              {"max_restarts", manifest.failure.max_restarts}}},
            {"endpoints", json::array()},
            {"exports", json::array()}};
  const uint8_t endpoints = std::min<uint8_t>(manifest.endpoint_count, m::kMaxEndpoints);
  for (uint8_t i = 0; i < endpoints; ++i)
    j["endpoints"].push_back(endpoint_json(manifest.endpoints[i]));
  const uint8_t exports = std::min<uint8_t>(manifest.export_count, m::kMaxExports);
  for (uint8_t i = 0; i < exports; ++i)
    j["exports"].push_back(export_json(manifest.exports[i]));
  return j;
}

}  // namespace tc::manifest_json
