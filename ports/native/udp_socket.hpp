// A bound, non-blocking IPv4 UDP socket that is also the CoAP server's transport: what tc-device
// and the host-side CoAP test programs put the server on.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <span>
#include <string>

#include "coap/endpoint.hpp"
#include "coap/transport.hpp"

namespace tc::native {

class UdpSocket final : public coap::Transport {
 public:
  // Binds "HOST:PORT" (IPv4; port 0 picks a free one). On failure returns null and sets `error`
  // to a message that names what is wrong.
  static std::unique_ptr<UdpSocket> bind(const std::string& listen, std::string& error);

  ~UdpSocket();
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] uint16_t port() const { return port_; }

  Status send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) override;
  // One waiting datagram into `buffer`: its size, or 0 when none is waiting.
  std::size_t receive(std::span<uint8_t> buffer, coap::Endpoint& from);

 private:
  UdpSocket(int fd, uint16_t port) : fd_(fd), port_(port) {}
  int fd_;
  uint16_t port_;
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
