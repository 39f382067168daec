// A Listener that forwards to the gateway's Listener and contains what it throws: the callbacks
// run inside libcoap's C frames, which an exception must not cross. A throw is logged as an error;
// on_device_request then counts as refused.
#pragma once

#include "coap/log.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

class GuardedListener final : public Listener {
 public:
  GuardedListener(Listener& inner, const Log& log) : inner_(inner), log_(log) {}

  void on_registered(const Registration& r, bool refresh) override;
  void on_unregistered(const std::string& endpoint, Unregistered why) override;
  void on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) override;
  void on_events_ended(const std::string& endpoint, const std::string& why) override;
  bool on_device_request(const std::string& endpoint, Method method, const std::string& path,
                         const std::vector<std::string>& query,
                         std::optional<uint16_t> content_format,
                         const std::vector<uint8_t>& payload) override;

 private:
  template <typename Call>
  bool guard(const char* what, Call&& call) noexcept;

  Listener& inner_;
  const Log& log_;
};

}  // namespace tc::gw
