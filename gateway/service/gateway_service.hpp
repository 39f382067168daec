// The gateway's state and behaviour behind its two faces: the device registry, the event
// stream, the command queue, stored envelopes and API tokens, over one SQLite database. It is
// the CoAP side's Listener: registrations, expiries, device event notifications and container
// reports arrive here on the CoAP thread and are handed, in order, to one worker thread, which
// updates the registry, starts and stops /events observations and publishes stream events.
//
//   Database db(dir / "gateway.db");
//   GatewayService service(db, options);
//   CoapGateway coap(coap_options, service, service.blobs());
//   service.start(coap);  coap.start();  ...  coap.stop();  service.stop();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/token_store.hpp"
#include "blobs/blob_store.hpp"
#include "commands/command_queue.hpp"
#include "common/serial_worker.hpp"
#include "devices/registry.hpp"
#include "events/event_hub.hpp"
#include "events/stored_event_ids.hpp"
#include "link/device_link.hpp"
#include "store/database.hpp"

namespace tc::gw {

struct ServiceOptions {
  CommandQueueOptions commands;
  std::size_t event_ring = 4096;  // events held for Last-Event-ID resumption
};

class GatewayService final : public Listener {
 public:
  // Brings the database's schema up to date and loads the stored state.
  GatewayService(Database& db, ServiceOptions options);
  ~GatewayService() override;
  GatewayService(const GatewayService&) = delete;
  GatewayService& operator=(const GatewayService&) = delete;

  // Starts the command queue on `link`; events and registrations are acted upon from now on.
  void start(DeviceLink& link);
  // Ends the worker and the queue; call after the link has stopped. Wakes every event reader.
  void stop();
  // Blocks until the work handed over so far is done (tests).
  void drain() { worker_.drain(); }

  [[nodiscard]] Registry& devices() { return devices_; }
  [[nodiscard]] CommandQueue& commands() { return commands_; }
  [[nodiscard]] EventHub& events() { return events_; }
  [[nodiscard]] BlobStore& blobs() { return blobs_; }
  [[nodiscard]] TokenStore& tokens() { return tokens_; }

  void on_registered(const Registration& r, bool refresh) override;
  void on_unregistered(const std::string& endpoint, Unregistered why) override;
  void on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) override;
  void on_events_ended(const std::string& endpoint, const std::string& why) override;
  bool on_device_request(const std::string& endpoint, Method method, const std::string& path,
                         const std::vector<std::string>& query,
                         std::optional<uint16_t> content_format,
                         const std::vector<uint8_t>& payload) override;

 private:
  void registered(const Registration& r, bool refresh);
  void unregistered(const std::string& endpoint, Unregistered why);
  void events_arrived(const std::string& endpoint, const std::vector<uint8_t>& cbor);

  StoredEventIds ids_;
  EventHub events_;
  Registry devices_;
  BlobStore blobs_;
  TokenStore tokens_;
  CommandQueue commands_;
  DeviceLink* link_ = nullptr;
  // Last: destroyed first, so no task runs against members already gone.
  SerialWorker worker_;
};

}  // namespace tc::gw
