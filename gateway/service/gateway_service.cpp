#include "service/gateway_service.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "events/device_events.hpp"
#include "events/device_report.hpp"
#include "store/schema.hpp"

namespace tc::gw {
namespace {

// The schema must exist before the members that load from it are constructed.
Database& migrated(Database& db) {
  migrate(db);
  return db;
}

}  // namespace

GatewayService::GatewayService(Database& db, ServiceOptions options)
    : ids_(migrated(db)),
      events_(options.event_ring, ids_),
      devices_(db),
      blobs_(db),
      tokens_(db),
      commands_(db, devices_, events_, blobs_, options.commands) {}

GatewayService::~GatewayService() {
  stop();
}

void GatewayService::start(DeviceLink& link) {
  link_ = &link;
  commands_.start(link);
}

void GatewayService::stop() {
  worker_.stop();
  commands_.stop();
  events_.close();
}

void GatewayService::on_registered(const Registration& r, bool refresh) {
  worker_.post([this, r, refresh] { registered(r, refresh); });
}

void GatewayService::on_unregistered(const std::string& endpoint, Unregistered why) {
  worker_.post([this, endpoint, why] { unregistered(endpoint, why); });
}

void GatewayService::on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) {
  worker_.post([this, endpoint, cbor] { events_arrived(endpoint, cbor); });
}

void GatewayService::on_events_ended(const std::string& endpoint, const std::string& why) {
  worker_.post([this, endpoint, why] {
    devices_.set_observing(endpoint, false);
    log::info("events of " + endpoint + " no longer observed (" + why +
              "); observed again at its next registration or refresh");
  });
}

bool GatewayService::on_device_request(const std::string& endpoint, Method method,
                                       const std::string& path,
                                       const std::vector<std::string>& query,
                                       std::optional<uint16_t> content_format,
                                       const std::vector<uint8_t>& payload) {
  // Only registered devices report; anyone else's datagram is refused (4.03).
  if (endpoint.empty()) return false;
  worker_.post([this, endpoint, method, path, query, content_format, payload] {
    events_.publish("report", endpoint,
                    device_report(method, path, query, content_format, payload));
  });
  return true;
}

void GatewayService::registered(const Registration& r, bool refresh) {
  const RegistrationChange change = devices_.registered(r, refresh, now_ms());
  if (change.came_online) {
    log::info("device " + r.endpoint + " online at " + r.base);
    events_.publish("device_online", r.endpoint,
                    {{"address", r.base}, {"lifetime_s", r.lifetime.count()}});
  }
  if (change.observe_events && link_ != nullptr) {
    link_->observe_events(r.endpoint, r.base, change.device.events_next);
    devices_.set_observing(r.endpoint, true);
  }
  if (change.came_online) commands_.device_online(r.endpoint);
}

void GatewayService::unregistered(const std::string& endpoint, Unregistered why) {
  if (!devices_.unregistered(endpoint, now_ms())) return;
  const char* reason = why == Unregistered::expired ? "expired" : "removed";
  log::info("device " + endpoint + " offline (registration " + reason + ")");
  events_.publish("device_offline", endpoint, {{"reason", reason}});
  if (link_ != nullptr) link_->cancel_events(endpoint);
}

void GatewayService::events_arrived(const std::string& endpoint, const std::vector<uint8_t>& cbor) {
  const std::optional<Device> device = devices_.find(endpoint);
  if (!device) return;
  DecodedDeviceEvents decoded = decode_device_events(cbor);
  if (!decoded.batch) {
    log::warning("events of " + endpoint + " ignored: " + decoded.error);
    return;
  }
  uint64_t from = device->events_next;
  // A device whose numbering went back (its state was reset) starts over.
  if (decoded.batch->next < from) from = 0;
  for (DeviceEvent& e : decoded.batch->events) {
    if (e.seq >= from) events_.publish(e.type, endpoint, std::move(e.fields));
  }
  devices_.set_events_next(endpoint, decoded.batch->next);
}

}  // namespace tc::gw
