#include "udp_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tc::native {
namespace {

sockaddr_in to_sockaddr(const coap::Endpoint& e) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(e.port);
  std::memcpy(&a.sin_addr, e.address.data(), 4);
  return a;
}

coap::Endpoint from_sockaddr(const sockaddr_in& a) {
  return *coap::Endpoint::from({reinterpret_cast<const uint8_t*>(&a.sin_addr), 4},
                               ntohs(a.sin_port));
}

}  // namespace

std::optional<coap::Endpoint> parse_ipv4_endpoint(const std::string& text, std::string& error) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    error = "expected HOST:PORT, got '" + text + "'";
    return std::nullopt;
  }
  const std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  char* end = nullptr;
  const unsigned long port = std::strtoul(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port > 65535) {
    error = "bad port '" + port_text + "'";
    return std::nullopt;
  }
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) {
    error = "'" + host + "' is not an IPv4 address";
    return std::nullopt;
  }
  return *coap::Endpoint::from({reinterpret_cast<const uint8_t*>(&address), 4},
                               static_cast<uint16_t>(port));
}

std::unique_ptr<UdpSocket> UdpSocket::bind(const std::string& listen, std::string& error) {
  const std::optional<coap::Endpoint> parsed = parse_ipv4_endpoint(listen, error);
  if (!parsed) return nullptr;
  const coap::Endpoint local = *parsed;
  std::unique_ptr<UdpSocket> sock = open(local, nullptr, error);
  if (!sock) error = "cannot listen on " + listen + ": " + error;
  return sock;
}

std::unique_ptr<UdpSocket> UdpSocket::connect(const coap::Endpoint& local,
                                              const coap::Endpoint& peer, std::string& error) {
  return open(local, &peer, error);
}

std::unique_ptr<UdpSocket> UdpSocket::open(const coap::Endpoint& local, const coap::Endpoint* peer,
                                           std::string& error) {
  if (local.length != 4 || (peer != nullptr && peer->length != 4)) {
    error = "not an IPv4 address";
    return nullptr;
  }
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return nullptr;
  }
  sockaddr_in addr = to_sockaddr(local);
  socklen_t length = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  (peer == nullptr ||
                   [&] {
                     const sockaddr_in to = to_sockaddr(*peer);
                     return ::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0;
                   }()) &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0;
  if (!ok) {
    error = std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<UdpSocket>(new UdpSocket(fd, from_sockaddr(addr)));  // NOLINT: private
}

UdpSocket::~UdpSocket() {
  ::close(fd_);
}

Status UdpSocket::send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) {
  if (peer.length != 4) return {StatusCode::invalid_argument, "not an IPv4 peer"};
  const sockaddr_in to = to_sockaddr(peer);
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
  from = from_sockaddr(peer);
  return static_cast<std::size_t>(got);
}

}  // namespace tc::native
