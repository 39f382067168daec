// tc-gateway's CoAP side (DESIGN.md 4, docs/gateway-coap.md): the DeviceLink over libcoap 4.3.1.
// It serves the RFC 9176 resource directory, blobs and devices' own requests on its listen
// address, and sends requests and /events observations to devices.
//
//   CoapGateway coap({.listen = "0.0.0.0:5683"}, listener, blobs);
//   if (std::string error = coap.start(); !error.empty()) ... "cannot listen on ..." ...
//   coap.send("coap://127.0.0.1:5701", {.path = "/dev"}, [](CoapOutcome o) { ... });
//   coap.stop();  // or the destructor
//
// Threads: start() starts one thread that owns the libcoap context (libcoap 4.3.1 is not
// thread-safe); every DeviceLink method may be called from any thread and hands its work over
// through a queue. Completions and Listener calls run on that thread. stop() must not be called
// from one of them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "coap/guarded_directory.hpp"
#include "coap/guarded_listener.hpp"
#include "coap/ip_endpoint.hpp"
#include "coap/log.hpp"
#include "coap/work_queue.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct CoapGatewayOptions {
  std::string listen = "0.0.0.0:5683";  // HOST:PORT; port 0 picks a free one (see port())
  // Registration lifetimes (RFC 9176 lt) are clamped to these bounds.
  std::chrono::seconds min_lifetime{1};
  std::chrono::seconds max_lifetime{std::chrono::hours(24)};
  std::size_t max_registrations = 10000;
  // Where location numbers start (/rd/<n>). Unset: a random 32-bit start, so that after a restart
  // a device refreshing the location it had from the previous run gets 4.04 and registers again,
  // instead of refreshing the registration of another device that now holds that number.
  std::optional<uint64_t> first_location = std::nullopt;
  std::size_t max_links_bytes = 16 * 1024;  // a registration's payload
  // Requests (and observations) in flight; beyond these, send() fails at once (local).
  std::size_t max_in_flight = 20000;
  std::size_t max_in_flight_per_device = 256;
  uint16_t nstart = 1;  // RFC 7252 NSTART: requests on the wire per device at once
  std::chrono::seconds session_idle{180};  // a device's client session closes after this idle
  std::chrono::milliseconds observe_timeout{10000};  // for the first answer to GET /events
  std::size_t max_reply_bytes = 4 * 1024 * 1024;     // a larger answer is a bad_response
  LogLevel log_level = LogLevel::error;
};

class CoapGateway final : public DeviceLink {
 public:
  using Options = CoapGatewayOptions;

  CoapGateway(Options options, Listener& listener, const BlobSource& blobs);
  ~CoapGateway() override;
  CoapGateway(const CoapGateway&) = delete;
  CoapGateway& operator=(const CoapGateway&) = delete;

  // Binds the listen address and starts the CoAP thread: "" or what went wrong ("cannot listen
  // on 127.0.0.1:5683: Address already in use").
  [[nodiscard]] std::string start();
  // Ends the CoAP thread: every pending request completes with CoapFailure::local "shutting
  // down", observations are deregistered. A send() after stop() (or before start()) completes at
  // once, on the caller's thread, with CoapFailure::local.
  void stop();
  // The bound port (after start()).
  [[nodiscard]] uint16_t port() const { return port_.load(); }

  void send(const DeviceAddress& to, CoapRequest request, Completion done) override;
  void observe_events(const std::string& endpoint, const DeviceAddress& at, uint64_t from) override;
  void cancel_events(const std::string& endpoint) override;
  [[nodiscard]] std::string blob_uri(const DeviceAddress& device,
                                     std::string_view key) const override;
  [[nodiscard]] std::vector<Registration> registrations() const override;

 private:
  struct Loop;  // the CoAP thread's state: libcoap context, served resources, exchanges

  void run();

  Options options_;
  Log log_;
  GuardedListener listener_;
  const BlobSource& blobs_;
  GuardedDirectory directory_;
  WorkQueue queue_;
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint16_t> port_{0};
  IpEndpoint bound_;  // the listen address, set by start()
};

}  // namespace tc::gw
