#include "devices/registry.hpp"

#include <algorithm>
#include <mutex>

#include "common/wall_clock.hpp"

namespace tc::gw {

Registry::Registry(Database& db) : store_(db) {
  const int64_t started = now_ms();
  for (Device& d : store_.load()) {
    // Online when the last run ended: offline, as far as this run knows, since it started.
    if (d.offline_since_ms == 0) d.offline_since_ms = started;
    const std::string id = d.id;
    devices_.emplace(id, std::move(d));
  }
}

RegistrationChange Registry::registered(const Registration& r, bool refresh, int64_t now_ms) {
  RegistrationChange change;
  {
    const std::unique_lock lock(mutex_);
    auto [it, inserted] = devices_.try_emplace(r.endpoint);
    Device& d = it->second;
    if (inserted) {
      d.id = r.endpoint;
      d.first_seen_ms = now_ms;
    }
    change.came_online = !d.online;
    change.address_changed = !inserted && d.address != r.base;
    // A refresh of a live registration keeps the registration time; anything else restarts it.
    if (!refresh || change.came_online) d.registered_at_ms = now_ms;
    d.address = r.base;
    d.sector = r.sector;
    d.lifetime_s = r.lifetime.count();
    if (!refresh) d.links = r.links;
    d.last_seen_ms = now_ms;
    d.offline_since_ms = 0;
    d.online = true;
    change.observe_events = change.came_online || change.address_changed || !d.observing;
    change.device = d;
  }
  store_.save(change.device);
  return change;
}

std::optional<Device> Registry::unregistered(std::string_view id, int64_t now_ms) {
  Device before;
  Device after;
  {
    const std::unique_lock lock(mutex_);
    const auto it = devices_.find(id);
    if (it == devices_.end() || !it->second.online) return std::nullopt;
    before = it->second;
    it->second.online = false;
    it->second.observing = false;
    it->second.offline_since_ms = now_ms;
    after = it->second;
  }
  store_.save(after);
  return before;
}

void Registry::set_observing(std::string_view id, bool observing) {
  const std::unique_lock lock(mutex_);
  if (const auto it = devices_.find(id); it != devices_.end()) it->second.observing = observing;
}

void Registry::set_events_next(std::string_view id, uint64_t next) {
  {
    const std::unique_lock lock(mutex_);
    const auto it = devices_.find(id);
    if (it == devices_.end() || it->second.events_next == next) return;
    it->second.events_next = next;
  }
  store_.set_events_next(id, next);
}

std::optional<Device> Registry::find(std::string_view id) const {
  const std::shared_lock lock(mutex_);
  const auto it = devices_.find(id);
  if (it == devices_.end()) return std::nullopt;
  return it->second;
}

std::vector<Device> Registry::list() const {
  const std::shared_lock lock(mutex_);
  std::vector<Device> out;
  out.reserve(devices_.size());
  for (const auto& entry : devices_)
    out.push_back(entry.second);
  return out;
}

std::optional<DeviceAddress> Registry::online_address(std::string_view id) const {
  const std::shared_lock lock(mutex_);
  const auto it = devices_.find(id);
  if (it == devices_.end() || !it->second.online) return std::nullopt;
  return it->second.address;
}

std::size_t Registry::online_count() const {
  const std::shared_lock lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      devices_.begin(), devices_.end(), [](const auto& entry) { return entry.second.online; }));
}

}  // namespace tc::gw
