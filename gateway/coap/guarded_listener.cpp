#include "coap/guarded_listener.hpp"

#include <exception>
#include <string>

namespace tc::gw {

template <typename Call>
bool GuardedListener::guard(const char* what, Call&& call) noexcept {
  try {
    call();
    return true;
  } catch (const std::exception& e) {
    log_.write(LogLevel::error, std::string("Listener::") + what + " threw: " + e.what());
  } catch (...) {
    log_.write(LogLevel::error, std::string("Listener::") + what + " threw");
  }
  return false;
}

void GuardedListener::on_registered(const Registration& r, bool refresh) {
  guard("on_registered", [&] { inner_.on_registered(r, refresh); });
}

void GuardedListener::on_unregistered(const std::string& endpoint, Unregistered why) {
  guard("on_unregistered", [&] { inner_.on_unregistered(endpoint, why); });
}

void GuardedListener::on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) {
  guard("on_events", [&] { inner_.on_events(endpoint, cbor); });
}

void GuardedListener::on_events_ended(const std::string& endpoint, const std::string& why) {
  guard("on_events_ended", [&] { inner_.on_events_ended(endpoint, why); });
}

bool GuardedListener::on_device_request(const std::string& endpoint, Method method,
                                        const std::string& path,
                                        const std::vector<std::string>& query,
                                        std::optional<uint16_t> content_format,
                                        const std::vector<uint8_t>& payload) {
  bool accepted = false;
  const bool returned = guard("on_device_request", [&] {
    accepted = inner_.on_device_request(endpoint, method, path, query, content_format, payload);
  });
  return returned && accepted;
}

}  // namespace tc::gw
