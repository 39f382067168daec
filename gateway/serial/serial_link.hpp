// A CoAP-over-SLIP serial line seen from the host (docs/firmware.md): a TCP connection to QEMU's
// serial socket carrying SLIP frames (RFC 1055), one CoAP message each. What tc-slip-bridge puts
// between a UDP socket and the emulated device, and what tc-gateway's --serial uses to talk to it
// directly.
//
//   auto link = SerialLink::connect(address, error);
//   poll(link->fd()) -> link->receive([](std::span<const uint8_t> frame) { ... });
//   link->send(datagram, error);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "serial_address.hpp"
#include "slip/decoder.hpp"

namespace tc::gw::serial {

// The largest frame accepted from the device; longer ones are dropped (counted by stats()).
inline constexpr std::size_t kMaxFrame = 2048;

class SerialLink {
 public:
  // Connects to the serial socket (blocking, at most `timeout_ms`, retrying while nobody listens
  // yet: QEMU may still be starting). Null and `error` set on failure.
  struct Connected {
    explicit Connected() = default;  // only connect() makes one
  };

  static std::unique_ptr<SerialLink> connect(const SerialAddress& address, int timeout_ms,
                                             std::string& error);
  SerialLink(Connected, int fd) : fd_(fd) {}
  ~SerialLink();
  SerialLink(const SerialLink&) = delete;
  SerialLink& operator=(const SerialLink&) = delete;

  // Non-blocking; readable when bytes from the device are waiting.
  [[nodiscard]] int fd() const { return fd_; }

  // Sends one frame (blocking until written). False and `error` set when the line is gone or the
  // frame is larger than kMaxFrame.
  bool send(std::span<const uint8_t> frame, std::string& error);

  // Reads what is waiting and calls `on_frame` for each frame it completes (the bytes are valid
  // during the call). False when the device side closed the connection.
  bool receive(const std::function<void(std::span<const uint8_t>)>& on_frame);

  [[nodiscard]] const slip::DecoderStats& stats() const { return decoder_.stats(); }

 private:
  int fd_;
  std::array<uint8_t, kMaxFrame> frame_{};
  slip::Decoder decoder_{frame_};
};

}  // namespace tc::gw::serial
