#include "device_fleet.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "monotonic_clock.hpp"

namespace tc::bench {
namespace {

std::string device_id(const std::string& prefix, std::size_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return prefix + digits;
}

}  // namespace

std::unique_ptr<DeviceFleet> DeviceFleet::create(const FleetConfig& config, std::string& error) {
  const int epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) {
    error = std::string("epoll_create1: ") + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<DeviceFleet> fleet(new DeviceFleet(config, epoll_fd));  // NOLINT: private ctor
  const uint64_t now = monotonic_ms();
  fleet->devices_.reserve(config.count);
  for (std::size_t i = 0; i < config.count; ++i) {
    SimIdentity identity{device_id(config.prefix, i + 1), config.container, now};
    std::unique_ptr<SimDevice> device =
        SimDevice::create(config.host, std::move(identity), fleet->random_, error);
    if (!device) {
      error.insert(0, "device " + std::to_string(i + 1) + ": ");
      return nullptr;
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, device->fd(), &event) != 0) {
      error = std::string("epoll_ctl: ") + std::strerror(errno);
      return nullptr;
    }
    fleet->devices_.push_back(std::move(device));
  }
  fleet->registered_once_.assign(config.count, false);
  fleet->registered_now_.assign(config.count, false);
  return fleet;
}

DeviceFleet::DeviceFleet(FleetConfig config, int epoll_fd)
    : config_(std::move(config)), epoll_fd_(epoll_fd), random_(config_.seed) {}

DeviceFleet::~DeviceFleet() {
  ::close(epoll_fd_);
}

void DeviceFleet::write_addresses(std::ostream& out) const {
  for (const auto& device : devices_)
    out << device->id() << ' ' << config_.host << ':' << device->port() << '\n';
}

void DeviceFleet::step(uint64_t max_wait_ms) {
  uint64_t now = monotonic_ms();
  const uint64_t wait = next_poll_ms_ > now ? std::min(next_poll_ms_ - now, max_wait_ms) : 0;
  std::array<epoll_event, 256> events{};
  const int ready = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()),
                                 static_cast<int>(wait));
  now = monotonic_ms();
  for (int i = 0; i < ready; ++i) {
    const auto index = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
    devices_[index]->on_readable(now);
    note_registration(index, now);
  }
  if (now >= next_poll_ms_) {
    poll_all(now);
    next_poll_ms_ = now + kPollIntervalMs;
  }
  start_registrations(now);
}

void DeviceFleet::poll_all(uint64_t now_ms) {
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    devices_[i]->poll(now_ms);
    note_registration(i, now_ms);
  }
}

void DeviceFleet::note_registration(std::size_t index, uint64_t now_ms) {
  const bool now_registered = devices_[index]->registered();
  if (now_registered != registered_now_[index]) {
    registered_now_[index] = now_registered;
    if (now_registered) {
      ++registered_;
    } else {
      --registered_;
    }
  }
  if (now_registered && !registered_once_[index]) {
    registered_once_[index] = true;
    if (++first_registrations_ == devices_.size()) all_registered_ms_ = now_ms;
  }
}

void DeviceFleet::start_registrations(uint64_t now_ms) {
  if (!config_.directory) return;
  while (started_ < devices_.size() && started_ - first_registrations_ < config_.parallel) {
    if (!first_request_ms_) first_request_ms_ = now_ms;
    const Status st = devices_[started_]->start_registration(*config_.directory, config_.host,
                                                             config_.lifetime_s, now_ms);
    if (!st.ok()) registration_error_ = st.message();
    ++started_;
  }
}

FleetTotals DeviceFleet::totals() const {
  FleetTotals t;
  for (const auto& device : devices_) {
    const coap::ServerStats& s = device->server_stats();
    t.export_requests += device->export_requests();
    t.requests += s.requests;
    t.duplicates += s.duplicates;
    t.busy += s.busy;
    t.send_errors += s.send_errors;
    const rd::RegistrarStats r = device->registration_stats();
    t.registrations += r.registrations + r.refreshes;
    t.registration_failures += r.failures;
  }
  return t;
}

}  // namespace tc::bench
