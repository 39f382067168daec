#include "coap/session_pool.hpp"

#include <algorithm>

namespace tc::gw {

DeviceSession* DeviceSession::of(const coap_session_t* session) {
  return static_cast<DeviceSession*>(coap_session_get_app_data(session));
}

SessionPool::~SessionPool() {
  for (auto& [key, session] : live_)
    close(*session);
  for (auto& session : retired_)
    close(*session);
}

void SessionPool::close(DeviceSession& session) {
  if (session.session == nullptr) return;
  // libcoap may keep the session alive for messages in its queues: its callbacks must then not
  // find this object.
  coap_session_set_app_data(session.session, nullptr);
  coap_session_release(session.session);
  session.session = nullptr;
}

DeviceSession* SessionPool::acquire(const IpEndpoint& address) {
  const std::string key = format_host_port(address);
  auto it = live_.find(key);
  if (it == live_.end()) {
    const coap_address_t remote = to_coap_address(address);
    if (remote.size == 0) return nullptr;
    coap_session_t* session = coap_new_client_session(context_, nullptr, &remote, COAP_PROTO_UDP);
    if (session == nullptr) return nullptr;
    auto device = std::make_unique<DeviceSession>();
    device->session = session;
    device->address = address;
    coap_session_set_nstart(session, std::max<uint16_t>(settings_.nstart, 1));
    coap_session_set_app_data(session, device.get());
    it = live_.emplace(key, std::move(device)).first;
  }
  ++it->second->users;
  return it->second.get();
}

void SessionPool::release(DeviceSession* session, Clock::time_point now) {
  if (session->users > 0) --session->users;
  if (session->users == 0) session->idle_since = now;
}

void SessionPool::retire(DeviceSession* session) {
  if (session->retired) return;
  const auto it = live_.find(format_host_port(session->address));
  if (it == live_.end() || it->second.get() != session) return;
  session->retired = true;
  retired_.push_back(std::move(it->second));
  live_.erase(it);
}

void SessionPool::collect(Clock::time_point now) {
  std::erase_if(retired_, [this](std::unique_ptr<DeviceSession>& session) {
    if (session->users > 0) return false;
    close(*session);
    return true;
  });
  std::erase_if(live_, [&](auto& entry) {
    DeviceSession& session = *entry.second;
    if (session.users > 0 || now - session.idle_since < settings_.idle_close) return false;
    close(session);
    return true;
  });
}

}  // namespace tc::gw
