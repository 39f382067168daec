#include "grants/grant_json.hpp"

#include <array>

#include "identity/names.hpp"
#include "manifest/json_reader.hpp"
#include "manifest/schema.hpp"
#include "manifest/strict_json.hpp"

namespace tc::platform {
namespace {

using manifest_json::child;
using manifest_json::element;
using manifest_json::JsonReader;
using manifest_json::Presence;
using json = nlohmann::json;

constexpr std::array<const char*, 6> kGrantFields{"tenant", "devices",       "endpoints",
                                                  "limits", "valid_from_ms", "valid_until_ms"};
constexpr std::array<const char*, 2> kSelectorFields{"ids", "labels"};
constexpr std::array<const char*, 7> kEndpointFields{"target",
                                                     "direction",
                                                     "calls_per_second",
                                                     "bytes_per_window",
                                                     "window_ms",
                                                     "energy_per_window_uj",
                                                     "bounds"};
constexpr std::array<const char*, 2> kBoundsFields{"min", "max"};
constexpr std::array<const char*, 4> kLimitFields{"cpu_share_permille", "memory_bytes",
                                                  "storage_bytes", "containers"};
constexpr std::size_t kMaxEndpoints = 64;
constexpr std::size_t kMaxSelected = 10000;
constexpr std::size_t kMaxText = 200;

void read_selector(JsonReader& r, const json& j, const std::string& path, DeviceSelector& out) {
  if (!r.object(j, path, kSelectorFields)) return;
  if (const json* ids = r.find(j, path, "ids", Presence::optional)) {
    const std::string at = child(path, "ids");
    if (!ids->is_array() || ids->size() > kMaxSelected) {
      r.error(at, "expected an array of at most " + std::to_string(kMaxSelected) + " device ids");
    } else {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const json& id = (*ids)[i];
        if (!id.is_string() || id.get<std::string>().empty() ||
            id.get<std::string>().size() > kMaxText) {
          r.error(element(at, i), "expected a device id (1 to 200 characters)");
        } else {
          out.ids.push_back(id.get<std::string>());
        }
      }
    }
  }
  if (const json* labels = r.find(j, path, "labels", Presence::optional)) {
    const std::string at = child(path, "labels");
    if (!labels->is_object()) {
      r.error(at, "expected an object of label: value");
    } else {
      for (const auto& [key, value] : labels->items()) {
        if (!value.is_string() || key.size() > kMaxText ||
            value.get<std::string>().size() > kMaxText) {
          r.error(child(at, key.c_str()),
                  "expected a text value (keys and values up to 200 characters)");
        } else {
          out.labels.emplace(key, value.get<std::string>());
        }
      }
    }
  }
  if (out.ids.empty() && out.labels.empty() && r.error_count() == 0) {
    r.error(path, "select devices by ids, labels or both");
  }
}

void read_bounds(JsonReader& r, const json& j, const std::string& path, GrantedEndpoint& out) {
  if (!r.object(j, path, kBoundsFields)) return;
  int64_t low = 0;
  int64_t high = 0;
  const bool has_low = r.integer_field(j, path, "min", low, Presence::required);
  const bool has_high = r.integer_field(j, path, "max", high, Presence::required);
  if (!has_low || !has_high) return;
  if (low > high) {
    r.error(path, "min is above max");
    return;
  }
  out.bounds = std::pair(low, high);
}

void read_endpoint(JsonReader& r, const json& j, const std::string& path, GrantedEndpoint& out) {
  if (!r.object(j, path, kEndpointFields)) return;
  r.string_field(j, path, "target", manifest::kMaxTargetLength, out.target, Presence::required);
  uint8_t direction = 0;
  if (r.choice_field(j, path, "direction", manifest::schema::kDirectionNames, direction,
                     Presence::required)) {
    out.direction = static_cast<manifest::Direction>(direction);
  }
  r.unsigned_field(j, path, "calls_per_second", out.calls_per_second);
  r.unsigned_field(j, path, "bytes_per_window", out.bytes_per_window);
  if (r.unsigned_field(j, path, "window_ms", out.window_ms) && out.window_ms == 0) {
    r.error(child(path, "window_ms"), "must be at least 1");
  }
  r.unsigned_field(j, path, "energy_per_window_uj", out.energy_per_window_uj);
  if (const json* bounds = r.find(j, path, "bounds", Presence::optional)) {
    read_bounds(r, *bounds, child(path, "bounds"), out);
  }
}

void read_limits(JsonReader& r, const json& j, const std::string& path, GrantLimits& out) {
  if (!r.object(j, path, kLimitFields)) return;
  if (r.unsigned_field(j, path, "cpu_share_permille", out.cpu_share_permille) &&
      out.cpu_share_permille > 1000) {
    r.error(child(path, "cpu_share_permille"), "must be at most 1000");
  }
  r.unsigned_field(j, path, "memory_bytes", out.memory_bytes);
  r.unsigned_field(j, path, "storage_bytes", out.storage_bytes);
  r.unsigned_field(j, path, "containers", out.containers);
}

void read_grant(JsonReader& r, const json& j, Grant& out) {
  const std::string path = "$";
  if (!r.object(j, path, kGrantFields)) return;
  if (r.string_field(j, path, "tenant", kMaxNameLength, out.tenant, Presence::required)) {
    const std::string why = check_name("tenant", out.tenant);
    if (!why.empty()) r.error(child(path, "tenant"), why);
  }
  if (const json* devices = r.find(j, path, "devices", Presence::required)) {
    read_selector(r, *devices, child(path, "devices"), out.devices);
  }
  if (const json* endpoints = r.find(j, path, "endpoints", Presence::required)) {
    const std::string at = child(path, "endpoints");
    if (!endpoints->is_array() || endpoints->size() > kMaxEndpoints) {
      r.error(at, "expected an array of at most " + std::to_string(kMaxEndpoints) + " endpoints");
    } else {
      out.endpoints.resize(endpoints->size());
      for (std::size_t i = 0; i < endpoints->size(); ++i) {
        read_endpoint(r, (*endpoints)[i], element(at, i), out.endpoints[i]);
      }
    }
  }
  if (const json* limits = r.find(j, path, "limits", Presence::optional)) {
    read_limits(r, *limits, child(path, "limits"), out.limits);
  }
  int64_t from = 0;
  if (r.integer_field(j, path, "valid_from_ms", from)) out.valid_from_ms = from;
  int64_t until = 0;
  if (r.integer_field(j, path, "valid_until_ms", until)) {
    if (until <= out.valid_from_ms) {
      r.error(child(path, "valid_until_ms"), "must be after valid_from_ms");
    } else {
      out.valid_until_ms = until;
    }
  }
}

}  // namespace

GrantParse parse_grant(std::string_view text) {
  GrantParse out;
  const json document = manifest_json::parse_strict(text, out.errors);
  if (!out.errors.empty()) return out;
  JsonReader reader(out.errors);
  read_grant(reader, document, out.grant);
  return out;
}

json grant_to_json(const Grant& grant) {
  json endpoints = json::array();
  for (const GrantedEndpoint& e : grant.endpoints) {
    json item = {
        {"target", e.target},
        {"direction", manifest::schema::kDirectionNames[static_cast<uint8_t>(e.direction)]},
        {"calls_per_second", e.calls_per_second},
        {"bytes_per_window", e.bytes_per_window},
        {"window_ms", e.window_ms},
        {"energy_per_window_uj", e.energy_per_window_uj}};
    if (e.bounds) item["bounds"] = {{"min", e.bounds->first}, {"max", e.bounds->second}};
    endpoints.push_back(std::move(item));
  }
  json out = {{"tenant", grant.tenant},
              {"devices", {{"ids", grant.devices.ids}, {"labels", grant.devices.labels}}},
              {"endpoints", std::move(endpoints)},
              {"limits",
               {{"cpu_share_permille", grant.limits.cpu_share_permille},
                {"memory_bytes", grant.limits.memory_bytes},
                {"storage_bytes", grant.limits.storage_bytes},
                {"containers", grant.limits.containers}}},
              {"valid_from_ms", grant.valid_from_ms}};
  if (grant.valid_until_ms) out["valid_until_ms"] = *grant.valid_until_ms;
  if (grant.revoked_ms) out["revoked_ms"] = *grant.revoked_ms;
  return out;
}

}  // namespace tc::platform
