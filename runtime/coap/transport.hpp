// What the CoAP server needs from its port: a way to send one datagram to a peer, and a source of
// randomness for retransmission jitter and the first message id. Small interfaces instead of
// std::function: no heap, no type erasure machinery. The destructors are protected and
// non-virtual so that the vtables do not pull operator delete into the firmware.
#pragma once

#include <cstdint>
#include <span>

#include "coap/endpoint.hpp"
#include "core/status.hpp"

namespace tc::coap {

class Transport {
 public:
  // Sends one datagram. The bytes are only valid during the call. An error is counted and
  // otherwise ignored: CoAP's retransmission (or the client's) recovers lost datagrams.
  virtual Status send(const Endpoint& peer, std::span<const uint8_t> datagram) = 0;

 protected:
  ~Transport() = default;
};

class Random {
 public:
  // Any 32-bit value; it need not be cryptographic.
  virtual uint32_t next() = 0;

 protected:
  ~Random() = default;
};

}  // namespace tc::coap
