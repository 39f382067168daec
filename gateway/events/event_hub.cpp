#include "events/event_hub.hpp"

#include <algorithm>

#include "common/wall_clock.hpp"

namespace tc::gw {

EventHub::EventHub(std::size_t capacity, IdReservation& ids)
    : capacity_(std::max<std::size_t>(capacity, 1)), ids_(ids) {
  next_id_ = ids_.reserve(kIdBlock);
  reserved_end_ = next_id_ + kIdBlock;
  last_id_ = next_id_ - 1;
}

uint64_t EventHub::next_id_locked() {
  if (next_id_ == reserved_end_) {
    next_id_ = ids_.reserve(kIdBlock);
    reserved_end_ = next_id_ + kIdBlock;
  }
  return next_id_++;
}

uint64_t EventHub::publish(std::string_view type, std::string_view device, const Json& fields) {
  Json data = {{"device", device}, {"time", rfc3339(now_ms())}};
  data.update(fields);
  Event event{0, std::string(type), std::string(device), json_text(data)};
  uint64_t id = 0;
  {
    const std::lock_guard lock(mutex_);
    id = event.id = next_id_locked();
    if (subscriber_) subscriber_(event);
    last_id_ = id;
    ring_.push_back(std::move(event));
    if (ring_.size() > capacity_) ring_.pop_front();
  }
  published_.notify_all();
  return id;
}

EventBatch EventHub::after(uint64_t after, std::string_view device, std::size_t max) const {
  EventBatch batch;
  batch.scanned_to = after;
  const std::lock_guard lock(mutex_);
  if (ring_.empty()) return batch;
  // Ids in the ring increase but are not contiguous across a reservation block.
  const auto first = std::upper_bound(ring_.begin(), ring_.end(), after,
                                      [](uint64_t id, const Event& e) { return id < e.id; });
  batch.gap = first == ring_.begin() && after + 1 < ring_.front().id && after != 0;
  for (auto it = first; it != ring_.end() && batch.events.size() < max; ++it) {
    if (device.empty() || it->device == device) batch.events.push_back(*it);
    batch.scanned_to = it->id;
  }
  return batch;
}

bool EventHub::wait(uint64_t after, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  published_.wait_for(lock, timeout, [&] { return closed_ || last_id_ > after; });
  return !closed_;
}

uint64_t EventHub::last_id() const {
  const std::lock_guard lock(mutex_);
  return last_id_;
}

void EventHub::set_subscriber(Subscriber subscriber) {
  const std::lock_guard lock(mutex_);
  subscriber_ = std::move(subscriber);
}

void EventHub::close() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  published_.notify_all();
}

bool EventHub::closed() const {
  const std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace tc::gw
