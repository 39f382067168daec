// Who gets what the device says, when several UDP clients share one serial line
// (tc-slip-bridge): the line carries bare CoAP messages, so the bridge remembers, from each
// client's messages, their message ids and tokens, and sends the device's messages back by the
// same keys (RFC 7252 5.3.2, 4.4):
//   - an ACK or a Reset answers a message id: it goes to the client that sent that id;
//   - a CON or NON from the device is a separate response or a notification: it goes to the
//     client whose request carried that token;
//   - a request from the device itself (its registration with a resource directory, RFC 9176)
//     goes to the upstream, the directory, when there is one, and is dropped otherwise: it is
//     never a client's business;
//   - anything else (an unknown id or token) goes to the client heard from last.
// The upstream's own messages (the directory's answers) are forwarded to the device like a
// client's, but the upstream never becomes "the client heard from last".
// The memory is bounded (the oldest keys are forgotten first). Two clients that use the same
// message id or token at the same time cannot be told apart: the later one wins.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "coap/endpoint.hpp"

namespace tc::gw::serial {

class ReplyRouter {
 public:
  explicit ReplyRouter(std::optional<coap::Endpoint> upstream = std::nullopt,
                       std::size_t capacity = 256)
      : upstream_(upstream), capacity_(capacity) {}

  // A client's datagram on its way to the device.
  void from_client(const coap::Endpoint& client, std::span<const uint8_t> datagram);
  // The client (or upstream) a device datagram goes to; none before any client was heard from,
  // and none for a device request without an upstream.
  [[nodiscard]] std::optional<coap::Endpoint> to_client(std::span<const uint8_t> datagram) const;

 private:
  struct Key {
    bool by_token = false;  // else by message id
    uint16_t message_id = 0;
    std::vector<uint8_t> token;
    coap::Endpoint client;
  };
  void remember(Key key);

  std::optional<coap::Endpoint> upstream_;
  std::size_t capacity_;
  std::deque<Key> keys_;  // oldest first
  std::optional<coap::Endpoint> last_;
};

}  // namespace tc::gw::serial
