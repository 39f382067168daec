#include "udp_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tc::native {

std::unique_ptr<UdpSocket> UdpSocket::bind(const std::string& listen, std::string& error) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    error = "expected HOST:PORT, got '" + listen + "'";
    return nullptr;
  }
  const std::string host = listen.substr(0, colon);
  const std::string port_text = listen.substr(colon + 1);
  char* end = nullptr;
  const unsigned long port = std::strtoul(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port > 65535) {
    error = "bad port '" + port_text + "'";
    return nullptr;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    error = "'" + host + "' is not an IPv4 address";
    return nullptr;
  }
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return nullptr;
  }
  socklen_t length = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    error = "cannot listen on " + listen + ": " + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<UdpSocket>(
      new UdpSocket(fd, ntohs(addr.sin_port)));  // NOLINT: private ctor
}

UdpSocket::~UdpSocket() {
  ::close(fd_);
}

Status UdpSocket::send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) {
  if (peer.length != 4) return {StatusCode::invalid_argument, "not an IPv4 peer"};
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(peer.port);
  std::memcpy(&to.sin_addr, peer.address.data(), 4);
  if (::sendto(fd_, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&to),
               sizeof to) < 0) {
    return {StatusCode::internal, "sendto failed"};
  }
  return Status::Ok();
}

std::size_t UdpSocket::receive(std::span<uint8_t> buffer, coap::Endpoint& from) {
  sockaddr_in peer{};
  socklen_t length = sizeof peer;
  const ssize_t got =
      ::recvfrom(fd_, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&peer), &length);
  if (got <= 0) return 0;  // EAGAIN (nothing waiting), or an empty datagram, which CoAP ignores
  from = *coap::Endpoint::from({reinterpret_cast<const uint8_t*>(&peer.sin_addr), 4},
                               ntohs(peer.sin_port));
  return static_cast<std::size_t>(got);
}

}  // namespace tc::native
