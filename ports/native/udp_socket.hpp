// A bound, non-blocking IPv4 UDP socket that is also a CoAP transport: what tc-device and the
// host-side CoAP test programs put the server on, and what tc-device's registration uses
// (connected to the gateway).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>

#include "coap/endpoint.hpp"
#include "coap/transport.hpp"

namespace tc::native {

// "HOST:PORT" with an IPv4 literal HOST (port 0 allowed); nullopt and `error` naming the fault
// otherwise. No name lookup: nothing waits for DNS.
[[nodiscard]] std::optional<coap::Endpoint> parse_ipv4_endpoint(const std::string& text,
                                                                std::string& error);

class UdpSocket final : public coap::Transport {
 public:
  // Binds "HOST:PORT" (IPv4; port 0 picks a free one). On failure returns null and sets `error`
  // to a message that names what is wrong.
  static std::unique_ptr<UdpSocket> bind(const std::string& listen, std::string& error);

  // A socket bound to the address `local` has (its port 0: any free one) and connected to
  // `peer`: the kernel drops datagrams from anyone else, and local() is the address the socket
  // sends from, the device's own address on the route to the peer when `local` is 0.0.0.0.
  static std::unique_ptr<UdpSocket> connect(const coap::Endpoint& local, const coap::Endpoint& peer,
                                            std::string& error);

  ~UdpSocket();
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] uint16_t port() const { return local_.port; }
  // The bound address and port (0.0.0.0 for a socket bound to any address and not connected).
  [[nodiscard]] const coap::Endpoint& local() const { return local_; }

  Status send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) override;
  // One waiting datagram into `buffer`: its size, or 0 when none is waiting.
  std::size_t receive(std::span<uint8_t> buffer, coap::Endpoint& from);

 private:
  UdpSocket(int fd, const coap::Endpoint& local) : fd_(fd), local_(local) {}
  static std::unique_ptr<UdpSocket> open(const coap::Endpoint& local, const coap::Endpoint* peer,
                                         std::string& error);
  int fd_;
  coap::Endpoint local_;
};

// The CoAP server's randomness (message ids, retransmission jitter) from a seeded engine.
class SeededRandom final : public coap::Random {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  uint32_t next() override { return static_cast<uint32_t>(engine_()); }

 private:
  std::mt19937 engine_;
};

}  // namespace tc::native
