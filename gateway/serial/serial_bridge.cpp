#include "serial_bridge.hpp"

#include <arpa/inet.h>
#include <poll.h>

namespace tc::gw::serial {

std::string host_port(const coap::Endpoint& e) {
  std::array<char, INET_ADDRSTRLEN> text{};
  if (e.length != 4 || inet_ntop(AF_INET, e.address.data(), text.data(), text.size()) == nullptr) {
    return "?:" + std::to_string(e.port);
  }
  return std::string(text.data()) + ":" + std::to_string(e.port);
}

SerialBridge::End SerialBridge::run(const std::function<bool()>& stopping, int check_ms,
                                    std::string& error) {
  while (!stopping()) {
    std::array<pollfd, 2> fds{pollfd{link_.fd(), POLLIN, 0}, pollfd{socket_.fd(), POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), check_ms) <= 0) continue;
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !from_device()) {
      return End::line_closed;
    }
    if ((fds[1].revents & POLLIN) != 0 && !from_clients(error)) return End::line_failed;
  }
  return End::stopped;
}

bool SerialBridge::from_device() {
  return link_.receive([this](std::span<const uint8_t> frame) {
    const std::optional<coap::Endpoint> client = router_.to_client(frame);
    if (!client) {
      trace("device -> nobody", frame.size());
      return;
    }
    trace("device -> " + host_port(*client), frame.size());
    (void)socket_.send(*client, frame);
  });
}

bool SerialBridge::from_clients(std::string& error) {
  coap::Endpoint client;
  while (const std::size_t n = socket_.receive(datagram_, client)) {
    const std::span<const uint8_t> bytes(datagram_.data(), n);
    trace(host_port(client) + " -> device", n);
    router_.from_client(client, bytes);
    if (!link_.send(bytes, error)) return false;
  }
  return true;
}

void SerialBridge::trace(const std::string& what, std::size_t bytes) const {
  if (trace_) trace_(what + ", " + std::to_string(bytes) + " bytes");
}

}  // namespace tc::gw::serial
