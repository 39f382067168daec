// One simulated device of tc-devsim: a UDP socket of its own on 127.0.0.1, the project's CoAP
// server (runtime/coap) in small fixed memory serving SimResources, and, once started, the
// device's own RFC 9176 registrar (runtime/rd, what tc-device runs) registering it at a resource
// directory through the same socket, so that its source address is its base.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "coap/server.hpp"
#include "coap/server_memory.hpp"
#include "rd/registrar.hpp"
#include "sim_resources.hpp"
#include "udp_socket.hpp"

namespace tc::bench {

// Sized for what the simulator serves: three resources; a few remembered exchanges for
// deduplication (a gateway keeps few requests in flight per device); one observer (the gateway's
// /events observation) and its notification slot; no separate responses and no Block1 uploads;
// 256-byte blocks, more than any of its answers needs. About 3 KiB per device, plus the
// registration datagram (sizeof(SimDevice) is printed by tc-devsim).
inline constexpr coap::Capacities kSimCapacities{.resources = 3,
                                                 .dedup = 4,
                                                 .outbox = 1,
                                                 .observers = 1,
                                                 .deferred = 0,
                                                 .transfers = 0,
                                                 .transfer_bytes = 0,
                                                 .max_szx = 4};

class SimDevice {
 public:
  // Binds a socket on `host`:0 and builds the device; null and `error` set on failure.
  static std::unique_ptr<SimDevice> create(const std::string& host, SimIdentity identity,
                                           coap::Random& random, std::string& error);

  SimDevice(std::unique_ptr<native::UdpSocket> socket, SimIdentity identity, coap::Random& random);
  SimDevice(const SimDevice&) = delete;
  SimDevice& operator=(const SimDevice&) = delete;

  [[nodiscard]] int fd() const { return socket_->fd(); }
  [[nodiscard]] uint16_t port() const { return socket_->port(); }
  [[nodiscard]] const std::string& id() const { return identity_.id; }

  // Starts registering at `directory`, announcing coap://`host`:port() as the base.
  Status start_registration(const coap::Endpoint& directory, const std::string& host,
                            uint32_t lifetime_s, uint64_t now_ms);

  // Handles every datagram waiting on the socket.
  void on_readable(uint64_t now_ms);
  // Retransmissions, expiry, registration refreshes.
  void poll(uint64_t now_ms);

  // Registered at the directory now (a refresh may be in flight).
  [[nodiscard]] bool registered() const {
    return registrar_ && registrar_->state() == rd::RegistrationState::registered;
  }
  // Zero before start_registration.
  [[nodiscard]] rd::RegistrarStats registration_stats() const {
    return registrar_ ? registrar_->stats() : rd::RegistrarStats{};
  }
  [[nodiscard]] const coap::ServerStats& server_stats() const { return server_.stats(); }
  [[nodiscard]] uint64_t export_requests() const { return resources_.export_requests(); }

 private:
  SimIdentity identity_;
  coap::Random& random_;
  std::unique_ptr<native::UdpSocket> socket_;
  coap::StaticServerMemory<kSimCapacities> memory_;
  coap::Server server_;
  SimResources resources_;
  std::string base_;  // the registrar's config views it
  // The registration with its three links takes under 300 bytes; 512 leaves room for long ids.
  std::array<uint8_t, 512> registration_{};
  std::optional<rd::Registrar> registrar_;
};

}  // namespace tc::bench
