// What one simulated device serves (docs/protocol.md, a subset): enough of the management tree
// for tc-gateway to treat it as a device, and one container export to proxy.
//
//   GET /dev                       the device info map, rendered by the real management code
//   GET /c                         one container, running
//   GET /c/{container}             its status (zero statistics)
//   GET|POST /c/{container}/x/...  {"n": requests served so far, "device": id}, piggybacked 2.05
//   GET /events (observable)       {"next": 0, "events": []}: observers are accepted, never
//   notified anything else                  4.04 {"error": ...}
//
// A real tc-device queues an export request for the container's tc_on_request hook and answers
// with an empty ACK and a separate response; the simulator answers at once in the ACK, so the
// benchmark measures the gateway, not a container.
#pragma once

#include <cstdint>
#include <string>

#include "coap/resource.hpp"
#include "coap/server.hpp"
#include "core/status.hpp"

namespace tc::bench {

struct SimIdentity {
  std::string id;         // the RD endpoint name, also "id" of GET /dev
  std::string container;  // the one container's name
  uint64_t started_ms = 0;
};

class SimResources {
 public:
  explicit SimResources(const SimIdentity& identity);
  SimResources(const SimResources&) = delete;
  SimResources& operator=(const SimResources&) = delete;

  // Registers /dev, /c and /events on `server`.
  Status add_to(coap::Server& server);

  // Export requests answered so far.
  [[nodiscard]] uint64_t export_requests() const { return containers_.export_requests(); }

 private:
  class DeviceInfo final : public coap::Handler {
   public:
    explicit DeviceInfo(const SimIdentity& identity) : identity_(identity) {}
    void handle(const coap::Request& request, coap::Response& response) override;

   private:
    const SimIdentity& identity_;
  };

  class Containers final : public coap::Handler {
   public:
    explicit Containers(const SimIdentity& identity) : identity_(identity) {}
    void handle(const coap::Request& request, coap::Response& response) override;
    [[nodiscard]] uint64_t export_requests() const { return exports_; }

   private:
    void answer_export(coap::Response& response);
    const SimIdentity& identity_;
    uint64_t exports_ = 0;
  };

  class Events final : public coap::Handler {
   public:
    void handle(const coap::Request& request, coap::Response& response) override;
  };

  const SimIdentity& identity_;
  DeviceInfo device_info_;
  Containers containers_;
  Events events_;
};

}  // namespace tc::bench
