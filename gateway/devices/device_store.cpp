#include "devices/device_store.hpp"

namespace tc::gw {

std::vector<Device> DeviceStore::load() const {
  auto lock = db_.lock();
  Statement s = db_.prepare(
      "SELECT id, address, sector, lifetime_s, links, first_seen, registered_at, last_seen, "
      "offline_since, events_next FROM devices ORDER BY id");
  std::vector<Device> devices;
  while (s.step()) {
    Device d;
    d.id = s.text(0);
    d.address = s.text(1);
    d.sector = s.text(2);
    d.lifetime_s = s.integer(3);
    d.links = s.text(4);
    d.first_seen_ms = s.integer(5);
    d.registered_at_ms = s.integer(6);
    d.last_seen_ms = s.integer(7);
    d.offline_since_ms = s.integer(8);
    d.events_next = static_cast<uint64_t>(s.integer(9));
    devices.push_back(std::move(d));
  }
  return devices;
}

void DeviceStore::save(const Device& d) {
  auto lock = db_.lock();
  db_.prepare(
         "INSERT INTO devices (id, address, sector, lifetime_s, links, first_seen, registered_at, "
         "last_seen, offline_since, events_next) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET address = excluded.address, sector = excluded.sector, "
         "lifetime_s = excluded.lifetime_s, links = excluded.links, "
         "registered_at = excluded.registered_at, last_seen = excluded.last_seen, "
         "offline_since = excluded.offline_since, events_next = excluded.events_next")
      .bind(1, d.id)
      .bind(2, d.address)
      .bind(3, d.sector)
      .bind(4, d.lifetime_s)
      .bind(5, d.links)
      .bind(6, d.first_seen_ms)
      .bind(7, d.registered_at_ms)
      .bind(8, d.last_seen_ms)
      .bind(9, d.offline_since_ms)
      .bind(10, static_cast<int64_t>(d.events_next))
      .run();
}

void DeviceStore::set_events_next(std::string_view id, uint64_t next) {
  auto lock = db_.lock();
  db_.prepare("UPDATE devices SET events_next = ? WHERE id = ?")
      .bind(1, static_cast<int64_t>(next))
      .bind(2, id)
      .run();
}

}  // namespace tc::gw
