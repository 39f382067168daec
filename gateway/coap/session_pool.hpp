// One libcoap client session (one connected UDP socket) per device address, shared by every
// request and observation to that device, so that a busy gateway does not create a socket per
// request. A session is closed when it has been idle (no exchange in flight) for a while, and
// replaced when it went bad (the device was unreachable, or an exchange on it timed out: libcoap
// may hold block-wise state for a misbehaving peer, and closing the session drops it).
//
// CoAP thread only. Closing happens in collect(), never inside a libcoap callback.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "coap/ip_endpoint.hpp"
#include "coap/libcoap_support.hpp"

namespace tc::gw {

// A device's session and the exchanges that use it (OutgoingExchanges keeps the tokens here so
// that a libcoap callback finds its exchange from the session alone).
struct DeviceSession {
  coap_session_t* session = nullptr;  // one reference, ours
  IpEndpoint address;
  std::size_t users = 0;  // exchanges in flight
  std::chrono::steady_clock::time_point idle_since;
  bool retired = false;                              // replaced: closed once its last user is gone
  std::unordered_map<std::string, uint64_t> tokens;  // token -> exchange id

  // The DeviceSession that owns a libcoap session, or null (one of ours being closed, or not ours).
  static DeviceSession* of(const coap_session_t* session);
};

struct SessionSettings {
  uint16_t nstart = 1;  // RFC 7252 NSTART: exchanges in flight per device at once
  std::chrono::seconds idle_close{180};
};

class SessionPool {
 public:
  using Clock = std::chrono::steady_clock;

  SessionPool(coap_context_t* context, const SessionSettings& settings)
      : context_(context), settings_(settings) {}
  ~SessionPool();
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // The live session to `address` (opened when needed) with one more user, or null when libcoap
  // cannot open one.
  DeviceSession* acquire(const IpEndpoint& address);
  // One user less.
  void release(DeviceSession* session, Clock::time_point now);
  // Stop using this session for new exchanges (see the header comment).
  void retire(DeviceSession* session);
  // Closes retired sessions without users and sessions idle for longer than settings.idle_close.
  void collect(Clock::time_point now);

  [[nodiscard]] std::size_t open_sessions() const { return live_.size() + retired_.size(); }

 private:
  void close(DeviceSession& session);

  coap_context_t* context_;
  SessionSettings settings_;
  std::unordered_map<std::string, std::unique_ptr<DeviceSession>> live_;  // by "host:port"
  std::vector<std::unique_ptr<DeviceSession>> retired_;
};

}  // namespace tc::gw
