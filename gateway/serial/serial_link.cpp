#include "serial_link.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "slip/encoder.hpp"

namespace tc::gw::serial {
namespace {

constexpr auto kRetryInterval = std::chrono::milliseconds(100);

std::string os_error(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// One connection attempt: the connected socket, or -1 with `error` set.
int try_connect(const sockaddr_in& to, std::string& error) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = os_error("socket");
    return -1;
  }
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
    error = os_error("connect");
    ::close(fd);
    return -1;
  }
  return fd;
}

bool write_all(int fd, std::span<const uint8_t> bytes, std::string& error) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes = bytes.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      (void)::poll(&p, 1, -1);
      continue;
    }
    error = os_error("serial line");
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<SerialLink> SerialLink::connect(const SerialAddress& address, int timeout_ms,
                                                std::string& error) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(address.port);
  if (inet_pton(AF_INET, address.host.c_str(), &to.sin_addr) != 1) {
    error = "serial address: host must be an IPv4 address";
    return nullptr;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int fd = -1;
  while ((fd = try_connect(to, error)) < 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      error.insert(0, "tcp:" + address.host + ":" + std::to_string(address.port) + ": ");
      return nullptr;
    }
    std::this_thread::sleep_for(kRetryInterval);
  }
  const int one = 1;
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // frames, not a stream
  (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return std::make_unique<SerialLink>(Connected{}, fd);
}

SerialLink::~SerialLink() {
  ::close(fd_);
}

bool SerialLink::send(std::span<const uint8_t> frame, std::string& error) {
  if (frame.size() > kMaxFrame) {
    error =
        "frame of " + std::to_string(frame.size()) + " bytes: larger than the serial line takes";
    return false;
  }
  std::vector<uint8_t> encoded(slip::encoded_size(frame));
  const Result<std::size_t> n = slip::encode(frame, encoded);
  if (!n.ok()) {
    error = n.status().message();
    return false;
  }
  return write_all(fd_, {encoded.data(), *n}, error);
}

bool SerialLink::receive(const std::function<void(std::span<const uint8_t>)>& on_frame) {
  std::array<uint8_t, 4096> chunk{};
  for (;;) {
    const ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
    if (n == 0) return false;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    for (const uint8_t b : std::span(chunk).first(static_cast<std::size_t>(n))) {
      if (decoder_.feed(b) == slip::Feed::frame) on_frame(decoder_.frame());
    }
  }
}

}  // namespace tc::gw::serial
