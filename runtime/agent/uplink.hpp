// The uplink port: how a container's writes to a remote endpoint (a manifest target
// "coap://HOST[:PORT]/path", docs/manifest.md "Targets") leave the device. The agent makes the
// endpoint check first (open, direction, rate, bytes and energy buckets, the buffer) and then
// hands the payload over; the port queues it and sends it later from the device's main loop, so
// a container never waits for the network. The native port's implementation is rd::CoapUplink
// (a confirmable POST to the gateway); a port without one leaves Config::uplink null and remote
// endpoints answer TC_ENOTSUP.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace tc::agent {

class Uplink {
 public:
  // Whether the device can send to `uri` at all (its scheme and host). tc_open asks: false makes
  // the open answer TC_ENOTSUP.
  [[nodiscard]] virtual bool reaches(std::string_view uri) const = 0;

  // Queues `payload` for `uri`, written by `container`; returns at once. resource_exhausted when
  // the queue is full (the container sees TC_EAGAIN, counted as the denial "again"); any other
  // error is the port's failure (TC_EIO).
  virtual Status post(std::string_view uri, std::string_view container,
                      std::span<const uint8_t> payload) = 0;

 protected:
  ~Uplink() = default;
};

}  // namespace tc::agent
