#include "devices/device.hpp"

#include "common/wall_clock.hpp"

namespace tc::gw {

Json to_json(const Device& device, bool detail) {
  Json out = {{"id", device.id},
              {"online", device.online},
              {"address", device.address},
              {"lifetime_s", device.lifetime_s},
              {"registered_at", rfc3339(device.registered_at_ms)},
              {"last_seen", rfc3339(device.last_seen_ms)},
              {"first_seen", rfc3339(device.first_seen_ms)}};
  if (!device.sector.empty()) out["sector"] = device.sector;
  if (!device.online) out["offline_since"] = rfc3339(device.offline_since_ms);
  if (detail) {
    out["links"] = device.links;
    out["events_next"] = device.events_next;
    out["observing_events"] = device.observing;
  }
  return out;
}

}  // namespace tc::gw
