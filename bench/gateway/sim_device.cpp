#include "sim_device.hpp"

#include <array>
#include <utility>

namespace tc::bench {
namespace {

// The registrar shares the server's socket: it sees only what can answer its requests (responses
// and empty ACK/RST), never a request, which is the server's even when it comes from the
// directory's address (the registrar would reset it as not its own).
bool is_answer(std::span<const uint8_t> datagram) {
  coap::Message m;
  return coap::parse(datagram, m) == coap::ParseReason::ok && !coap::is_request(m.code);
}

}  // namespace

std::unique_ptr<SimDevice> SimDevice::create(const std::string& host, SimIdentity identity,
                                             coap::Random& random, std::string& error) {
  std::unique_ptr<native::UdpSocket> socket = native::UdpSocket::bind(host + ":0", error);
  if (!socket) return nullptr;
  auto device = std::make_unique<SimDevice>(std::move(socket), std::move(identity), random);
  const Status added = device->resources_.add_to(device->server_);
  if (!added.ok()) {
    error = std::string("resources: ") + added.message();
    return nullptr;
  }
  return device;
}

SimDevice::SimDevice(std::unique_ptr<native::UdpSocket> socket, SimIdentity identity,
                     coap::Random& random)
    : identity_(std::move(identity)),
      random_(random),
      socket_(std::move(socket)),
      server_(memory_.view(), *socket_, random),
      resources_(identity_) {}

Status SimDevice::start_registration(const coap::Endpoint& directory, const std::string& host,
                                     uint32_t lifetime_s, uint64_t now_ms) {
  base_ = "coap://" + host + ":" + std::to_string(port());
  const rd::RegistrarConfig config{.directory = directory,
                                   .path = "/rd",
                                   .endpoint = identity_.id,
                                   .lifetime_s = lifetime_s,
                                   .base = base_,
                                   .links = server_.resources().slots(),
                                   .timing = {},
                                   .backoff = {},
                                   .shares_transport = false,
                                   .datagram = registration_};
  registrar_.emplace(*socket_, random_, config);
  return registrar_->start(now_ms);
}

void SimDevice::on_readable(uint64_t now_ms) {
  std::array<uint8_t, 1536> buffer{};
  coap::Endpoint from;
  for (std::size_t got = socket_->receive(buffer, from); got != 0;
       got = socket_->receive(buffer, from)) {
    const std::span<const uint8_t> datagram(buffer.data(), got);
    if (registrar_ && is_answer(datagram) && registrar_->on_datagram(from, datagram, now_ms)) {
      continue;
    }
    server_.receive(from, datagram, now_ms);
  }
}

void SimDevice::poll(uint64_t now_ms) {
  server_.poll(now_ms);
  if (registrar_) registrar_->poll(now_ms);
}

}  // namespace tc::bench
