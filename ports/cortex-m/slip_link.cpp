#include "slip_link.hpp"

#include "slip/encoder.hpp"

namespace tc::cortex_m {

std::span<const uint8_t> SlipLink::next_frame() {
  uint8_t byte = 0;
  while (ring_.pop(byte)) {
    board::resume_link();  // there is room again, if the interrupt had masked itself
    if (decoder_.feed(byte) == slip::Feed::frame) return decoder_.frame();
  }
  return {};
}

Status SlipLink::send(const coap::Endpoint&, std::span<const uint8_t> datagram) {
  const Result<std::size_t> n = slip::encode(datagram, encoded_);
  if (!n.ok()) {
    ++send_errors_;
    return n.status();
  }
  for (const uint8_t b : encoded_.first(*n))
    board::link_put(b);
  return Status::Ok();
}

}  // namespace tc::cortex_m
