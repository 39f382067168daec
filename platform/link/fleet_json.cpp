#include "link/fleet_json.hpp"

namespace tc::platform {
namespace {

// Stored JSON text; null should it ever not parse (it was checked on the way in).
http::Json stored(const std::string& text) {
  http::Json out = http::Json::parse(text, nullptr, false);
  return out.is_discarded() ? http::Json() : out;
}

}  // namespace

http::Json to_json(const DeviceRecord& d) {
  return {{"id", d.name},
          {"gateway", d.gateway},
          {"owner", d.owner},
          {"online", d.online},
          {"address", d.address},
          {"managed", d.managed},
          {"first_seen_ms", d.first_seen_ms},
          {"last_seen_ms", d.last_seen_ms},
          {"containers", stored(d.containers)},
          {"sync", stored(d.sync)}};
}

http::Json to_json(const StoredEvent& e) {
  return {{"id", e.id},     {"gateway", e.gateway}, {"item_id", e.item_id},  {"device", e.device},
          {"type", e.type}, {"at_ms", e.at_ms},     {"data", stored(e.data)}};
}

http::Json to_json(const StoredUsage& stored) {
  const UsageItem& u = stored.usage;
  return {{"id", stored.id},
          {"gateway", stored.gateway},
          {"item_id", u.item_id},
          {"device", u.device},
          {"container", u.container},
          {"tenant", u.tenant},
          {"from_ms", u.from_ms},
          {"to_ms", u.to_ms},
          {"activations", u.activations},
          {"instructions", u.instructions},
          {"cpu_us", u.cpu_us},
          {"endpoint_calls", u.endpoint_calls},
          {"bytes_read", u.bytes_read},
          {"bytes_written", u.bytes_written},
          {"energy_uj", u.energy_uj}};
}

}  // namespace tc::platform
