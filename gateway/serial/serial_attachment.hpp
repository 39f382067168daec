// A serial CoAP device attached to tc-gateway (--serial tcp:HOST:PORT, docs/firmware.md). A
// thread of its own connects to the serial line, bridges it (SerialBridge) to a UDP socket bound
// on 127.0.0.1, any port: the device's address on the host, and sends the device's own requests
// to the gateway's CoAP listener (the upstream). So the device registers with the gateway's
// resource directory like any networked device, the directory records the bridge's address as
// the device's, and everything above (API, commands, events, the platform link) is unchanged.
// When the line closes (the board was reset, QEMU restarted) it connects again.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "coap/endpoint.hpp"
#include "serial_address.hpp"
#include "udp_socket.hpp"

namespace tc::gw::serial {

class SerialAttachment {
 public:
  // `report` hears what happens to the line (connected, closed, failing), one line each.
  SerialAttachment(SerialAddress address, coap::Endpoint upstream,
                   std::function<void(const std::string&)> report);
  ~SerialAttachment();
  SerialAttachment(const SerialAttachment&) = delete;
  SerialAttachment& operator=(const SerialAttachment&) = delete;

  // Binds the UDP side and starts the thread; a readable error when the socket cannot be bound.
  [[nodiscard]] std::string start();
  // Ends the thread (within about a quarter of a second). Idempotent.
  void stop();
  // The device's UDP address on the host, once started.
  [[nodiscard]] coap::Endpoint local() const;

 private:
  void run();
  // One connection: connects (retrying until stop()), then bridges until the line closes.
  void serve_one_connection();

  SerialAddress address_;
  coap::Endpoint upstream_;
  std::function<void(const std::string&)> report_;
  std::unique_ptr<native::UdpSocket> socket_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace tc::gw::serial
