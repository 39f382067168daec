// tc-device's registration with its gateway (--gateway coap://HOST:PORT, docs/native-port.md
// "Gateway"): the portable rd::Registrar on a UDP socket of its own, connected to the gateway,
// plus what only a process has: the base address it registers and the log of its state.
//
// The base is coap://IP:PORT with PORT the server's (--listen) port and IP the address the
// server listens on, or, when that is 0.0.0.0, the device's own address on the route to the
// gateway (the registration socket is bound like the server and connected to the gateway, and
// getsockname() says what the kernel chose): a device listening on every address registers one
// the gateway can reach.
//
// Log lines go to stderr: every state change with -v; without it only failures, each once until
// the registration succeeds again (a gateway that is down for an hour is one line, not one per
// retry).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "agent/clock.hpp"
#include "coap/endpoint.hpp"
#include "coap/resource.hpp"
#include "coap/transport.hpp"
#include "rd/registrar.hpp"
#include "udp_socket.hpp"

namespace tc::native {

// The gateway of --gateway: coap://HOST[:PORT] with HOST an IPv4 literal or localhost, no path;
// the error names what is wrong.
[[nodiscard]] std::optional<coap::Endpoint> parse_gateway_uri(const std::string& uri,
                                                              std::string& error);

struct GatewayClientOptions {
  coap::Endpoint gateway;
  coap::Endpoint listen;  // the server socket's bound address
  std::string endpoint;   // ep: the device id
  uint32_t lifetime_s = 60;
  bool verbose = false;
};

class GatewayClient {
 public:
  // Opens the registration socket; null and `error` when it cannot. `clock` (the device's),
  // `random` and `links` (the server's resources) must outlive the client.
  static std::unique_ptr<GatewayClient> open(const GatewayClientOptions& options,
                                             const agent::Clock& clock, coap::Random& random,
                                             std::span<const coap::Resource> links,
                                             std::string& error);
  GatewayClient(const GatewayClient&) = delete;
  GatewayClient& operator=(const GatewayClient&) = delete;

  [[nodiscard]] int fd() const { return socket_->fd(); }
  [[nodiscard]] const std::string& base() const { return base_; }
  [[nodiscard]] const rd::Registrar& registrar() const { return registrar_; }

  Status start();
  // Takes every datagram waiting on the registration socket.
  void receive();
  void poll();
  [[nodiscard]] std::optional<uint64_t> next_deadline() const { return registrar_.next_deadline(); }
  // Unregisters and waits for the answer, at most `wait_ms` (best effort: on shutdown).
  void unregister(uint32_t wait_ms);

 private:
  GatewayClient(const GatewayClientOptions& options, std::unique_ptr<UdpSocket> socket,
                const agent::Clock& clock, coap::Random& random,
                std::span<const coap::Resource> links);
  void log_changes();

  GatewayClientOptions options_;
  std::unique_ptr<UdpSocket> socket_;
  const agent::Clock& clock_;
  std::string base_;
  std::string gateway_text_;
  std::array<uint8_t, rd::kMaxRegistrationDatagram> datagram_{};
  rd::Registrar registrar_;
  rd::RegistrationState logged_state_ = rd::RegistrationState::unregistered;
  bool failure_logged_ = false;
};

}  // namespace tc::native
