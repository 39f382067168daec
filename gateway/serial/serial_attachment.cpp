#include "serial_attachment.hpp"

#include <chrono>

#include "serial_bridge.hpp"
#include "serial_link.hpp"

namespace tc::gw::serial {
namespace {

// How often a blocked connect or poll looks at stop(): the bound on stop()'s wait.
constexpr int kCheckMs = 250;

std::string describe(const SerialAddress& a) {
  return "tcp:" + a.host + ":" + std::to_string(a.port);
}

}  // namespace

SerialAttachment::SerialAttachment(SerialAddress address, coap::Endpoint upstream,
                                   std::function<void(const std::string&)> report)
    : address_(std::move(address)), upstream_(upstream), report_(std::move(report)) {}

SerialAttachment::~SerialAttachment() {
  stop();
}

std::string SerialAttachment::start() {
  std::string error;
  socket_ = native::UdpSocket::bind("127.0.0.1:0", error);
  if (!socket_) return "--serial " + describe(address_) + ": " + error;
  thread_ = std::thread([this] { run(); });
  return {};
}

void SerialAttachment::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

coap::Endpoint SerialAttachment::local() const {
  return socket_ ? socket_->local() : coap::Endpoint{};
}

void SerialAttachment::run() {
  while (!stopping_)
    serve_one_connection();
}

void SerialAttachment::serve_one_connection() {
  std::string error;
  std::unique_ptr<SerialLink> link;
  bool said_waiting = false;
  while (!stopping_ && !link) {
    link = SerialLink::connect(address_, kCheckMs, error);
    if (!link && !said_waiting) {
      report_("serial " + describe(address_) + ": " + error + "; retrying");
      said_waiting = true;
    }
  }
  if (!link) return;
  report_("serial " + describe(address_) + " connected, the device at udp " +
          host_port(socket_->local()));
  SerialBridge bridge(*link, *socket_, upstream_);
  const SerialBridge::End end = bridge.run([this] { return stopping_.load(); }, kCheckMs, error);
  if (end == SerialBridge::End::line_closed) {
    report_("serial " + describe(address_) + " closed; connecting again");
  } else if (end == SerialBridge::End::line_failed) {
    report_("serial " + describe(address_) + ": " + error + "; connecting again");
  }
}

}  // namespace tc::gw::serial
