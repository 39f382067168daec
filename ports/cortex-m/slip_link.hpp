// The device's link to its gateway on the target: CoAP over SLIP (RFC 1055) on UART0. Received
// bytes arrive through the UART's interrupt in a ring (board::start_link); the main loop drains
// it through a SLIP decoder and gets whole frames, one CoAP message each. Sending encodes a
// frame into a buffer and writes it out (polled). There is one peer, the other end of the line,
// whatever gateway or bridge that is: every frame comes from and goes to peer().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "board.hpp"
#include "coap/endpoint.hpp"
#include "coap/transport.hpp"
#include "slip/decoder.hpp"

namespace tc::cortex_m {

class SlipLink final : public coap::Transport {
 public:
  // `frame` holds one received frame (the largest datagram accepted); `encoded` one frame to
  // send after escaping (at most twice the largest datagram, plus two).
  SlipLink(std::span<uint8_t> frame, std::span<uint8_t> encoded)
      : decoder_(frame), encoded_(encoded) {}
  SlipLink(const SlipLink&) = delete;
  SlipLink& operator=(const SlipLink&) = delete;

  // Takes UART0 over (the console moves to UART1) and starts receiving.
  void start() { board::start_link(ring_); }

  // The next complete frame from the bytes received so far; empty when none is complete yet. The
  // frame stays valid until the next call.
  std::span<const uint8_t> next_frame();

  Status send(const coap::Endpoint& peer, std::span<const uint8_t> datagram) override;

  // The endpoint the CoAP server sees for the other end of the line.
  [[nodiscard]] static coap::Endpoint peer() { return {}; }

  [[nodiscard]] bool receive_pending() const { return !ring_.empty(); }
  [[nodiscard]] const slip::DecoderStats& decoder_stats() const { return decoder_.stats(); }
  [[nodiscard]] uint32_t bytes_lost() const { return ring_.lost(); }
  [[nodiscard]] uint32_t send_errors() const { return send_errors_; }

 private:
  board::LinkRing ring_;
  slip::Decoder decoder_;
  std::span<uint8_t> encoded_;
  uint32_t send_errors_ = 0;
};

}  // namespace tc::cortex_m
