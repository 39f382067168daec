#include "link/link_bodies.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "http/http_error.hpp"
#include "link/event_time.hpp"

namespace tc::platform {
namespace {

using http::Json;

constexpr std::size_t kMaxDeviceId = 63;
constexpr std::size_t kMaxDevices = 10000;
constexpr std::size_t kMaxAddress = 256;
constexpr std::size_t kMaxShortText = 64;  // event types, container and tenant names

http::HttpError bad_field(const std::string& field, const std::string& why) {
  return {400, "bad_field", field + ": " + why, {{"field", field}}};
}

const Json& member(const Json& object, const std::string& where, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw bad_field(where + key, "is missing");
  return *it;
}

const Json& object_at(const Json& value, const std::string& field) {
  if (!value.is_object()) throw bad_field(field, "must be an object");
  return value;
}

std::string text(const Json& object, const std::string& where, const char* key,
                 std::size_t max_size) {
  const Json& value = member(object, where, key);
  if (!value.is_string()) throw bad_field(where + key, "must be a string");
  std::string out = value.get<std::string>();
  if (out.size() > max_size) {
    throw bad_field(where + key, "is longer than " + std::to_string(max_size) + " bytes");
  }
  return out;
}

std::string optional_text(const Json& object, const std::string& where, const char* key,
                          std::size_t max_size) {
  return object.contains(key) ? text(object, where, key, max_size) : std::string();
}

// An unsigned integer that fits the store's 64-bit signed columns.
int64_t count(const Json& object, const std::string& where, const char* key) {
  const Json& value = member(object, where, key);
  if (!value.is_number_unsigned() ||
      value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    throw bad_field(where + key, "must be an unsigned integer below 2^63");
  }
  return value.get<int64_t>();
}

bool flag(const Json& object, const std::string& where, const char* key) {
  const Json& value = member(object, where, key);
  if (!value.is_boolean()) throw bad_field(where + key, "must be true or false");
  return value.get<bool>();
}

// An array of objects, stored as its JSON text.
std::string object_list(const Json& value, const std::string& field) {
  if (!value.is_array()) throw bad_field(field, "must be an array");
  for (std::size_t i = 0; i < value.size(); ++i)
    (void)object_at(value[i], field + "[" + std::to_string(i) + "]");
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_device_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxDeviceId && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

DeviceReport device_report(const Json& entry, const std::string& where) {
  (void)object_at(entry, where);
  const std::string in = where + ".";
  DeviceReport d{.name = text(entry, in, "id", kMaxDeviceId),
                 .online = flag(entry, in, "online"),
                 .address = optional_text(entry, in, "address", kMaxAddress),
                 .last_seen_ms = count(entry, in, "last_seen_ms")};
  if (!is_device_id(d.name)) throw bad_field(in + "id", "must be 1..63 of [A-Za-z0-9._-]");
  if (entry.contains("managed")) (void)flag(entry, in, "managed");
  if (entry.contains("containers"))
    d.containers = object_list(entry["containers"], in + "containers");
  if (entry.contains("sync")) d.sync = object_list(entry["sync"], in + "sync");
  return d;
}

void require_body_object(const Json& body) {
  if (!body.is_object()) {
    throw http::HttpError(400, "bad_body", "the body must be a JSON object", {{"field", "(body)"}});
  }
}

EventItem event_item(int64_t id, const Json& data, const std::string& where, int64_t now_ms) {
  EventItem e{.item_id = id,
              .type = text(data, where, "type", kMaxShortText),
              .device = optional_text(data, where, "device", kMaxDeviceId),
              .tenant = optional_text(data, where, "tenant", kMaxShortText),
              .at_ms = now_ms,
              .data = data.dump(-1, ' ', false, Json::error_handler_t::replace)};
  if (e.type.empty()) throw bad_field(where + "type", "is empty");
  if (const auto time = data.find("time"); time != data.end()) {
    if (time->is_number_unsigned()) {
      e.at_ms = count(data, where, "time");
    } else if (time->is_string()) {
      e.at_ms = rfc3339_utc_ms(time->get<std::string>()).value_or(now_ms);
    }
  }
  return e;
}

UsageItem usage_item(int64_t id, const Json& data, const std::string& where) {
  return {.item_id = id,
          .device = text(data, where, "device", kMaxDeviceId),
          .container = text(data, where, "container", kMaxShortText),
          .tenant = text(data, where, "tenant", kMaxShortText),
          .from_ms = count(data, where, "from_ms"),
          .to_ms = count(data, where, "to_ms"),
          .activations = count(data, where, "activations"),
          .instructions = count(data, where, "instructions"),
          .cpu_us = count(data, where, "cpu_us"),
          .endpoint_calls = count(data, where, "endpoint_calls"),
          .bytes_read = count(data, where, "bytes_read"),
          .bytes_written = count(data, where, "bytes_written"),
          .energy_uj = count(data, where, "energy_uj")};
}

// A gap item: the gateway dropped `dropped` items; kept as an event of type "gap".
EventItem gap_item(int64_t id, const Json& data, const std::string& where, int64_t now_ms) {
  const int64_t dropped = count(data, where, "dropped");
  return {.item_id = id,
          .type = "gap",
          .device = "",
          .tenant = "",
          .at_ms = now_ms,
          .data = Json{{"type", "gap"}, {"dropped", dropped}}.dump()};
}

GatewayItem link_item(const Json& entry, const std::string& where, int64_t id, int64_t now_ms) {
  const std::string kind = text(entry, where + ".", "kind", kMaxShortText);
  const std::string data_field = where + ".data";
  const Json& data = object_at(member(entry, where + ".", "data"), data_field);
  if (kind == "event") return event_item(id, data, data_field + ".", now_ms);
  if (kind == "usage") return usage_item(id, data, data_field + ".");
  if (kind == "gap") return gap_item(id, data, data_field + ".", now_ms);
  throw bad_field(where + ".kind", "must be event, usage or gap");
}

}  // namespace

std::vector<DeviceReport> state_body(const Json& body) {
  require_body_object(body);
  if (body.contains("gateway")) (void)object_at(body["gateway"], "gateway");
  const Json& devices = member(body, "", "devices");
  if (!devices.is_array()) throw bad_field("devices", "must be an array");
  if (devices.size() > kMaxDevices) {
    throw bad_field("devices", "lists more than " + std::to_string(kMaxDevices) + " devices");
  }
  std::vector<DeviceReport> out;
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const std::string where = "devices[" + std::to_string(i) + "]";
    DeviceReport d = device_report(devices[i], where);
    if (!ids.insert(d.name).second)
      throw bad_field(where + ".id", "'" + d.name + "' is listed twice");
    out.push_back(std::move(d));
  }
  return out;
}

LinkItems items_body(const Json& body, int64_t now_ms) {
  require_body_object(body);
  const Json& items = member(body, "", "items");
  if (!items.is_array()) throw bad_field("items", "must be an array");
  if (items.size() > kMaxLinkItems) {
    throw http::HttpError(413, "too_many_items",
                          "at most " + std::to_string(kMaxLinkItems) + " items per request, not " +
                              std::to_string(items.size()),
                          {{"field", "items"}, {"max", kMaxLinkItems}});
  }
  LinkItems out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = "items[" + std::to_string(i) + "]";
    const Json& entry = object_at(items[i], where);
    const int64_t id = count(entry, where + ".", "id");
    if (id <= out.last_id)
      throw bad_field(where + ".id", "must be positive and above the previous id");
    out.items.push_back(link_item(entry, where, id, now_ms));
    out.last_id = id;
  }
  return out;
}

}  // namespace tc::platform
