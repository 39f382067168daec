// Forwarding between one serial CoAP device and the UDP side: each datagram a client sends
// becomes one SLIP frame to the device, each frame from the device one datagram to the client it
// answers (ReplyRouter), and the device's own requests (its registration with the resource
// directory) go to the upstream when there is one. What tc-slip-bridge runs, and what
// tc-gateway's --serial runs in a thread (SerialAttachment).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "coap/endpoint.hpp"
#include "reply_router.hpp"
#include "serial_link.hpp"
#include "udp_socket.hpp"

namespace tc::gw::serial {

// "127.0.0.1:5683" (IPv4), or "?:PORT" for an address that is not IPv4.
[[nodiscard]] std::string host_port(const coap::Endpoint& e);

class SerialBridge {
 public:
  // `trace`, when set, is told of every datagram and frame forwarded (the -v log).
  SerialBridge(SerialLink& link, native::UdpSocket& socket,
               std::optional<coap::Endpoint> upstream = std::nullopt,
               std::function<void(const std::string&)> trace = {})
      : link_(link), socket_(socket), router_(upstream), trace_(std::move(trace)) {}

  enum class End : uint8_t { stopped, line_closed, line_failed };
  // Forwards until `stopping()` answers true (checked at least every `check_ms`), the serial
  // line closes, or a frame cannot be written to it (`error` says why).
  End run(const std::function<bool()>& stopping, int check_ms, std::string& error);

 private:
  bool from_device();
  bool from_clients(std::string& error);
  void trace(const std::string& what, std::size_t bytes) const;

  SerialLink& link_;
  native::UdpSocket& socket_;
  ReplyRouter router_;
  std::function<void(const std::string&)> trace_;
  std::array<uint8_t, kMaxFrame> datagram_{};
};

}  // namespace tc::gw::serial
