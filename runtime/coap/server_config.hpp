// Timing and limits of the CoAP server. The defaults are RFC 7252 4.8 (ACK_TIMEOUT 2 s,
// ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 4, EXCHANGE_LIFETIME 247 s, NON_LIFETIME 145 s) and
// RFC 7641 4.5 (a CON notification at least every 24 hours).
#pragma once

#include <cstdint>

namespace tc::coap {

struct ServerConfig {
  // The largest block the device sends and accepts (RFC 7959 SZX, 6 = 1024 bytes). The scratch
  // buffers of ServerMemory must hold one such block.
  uint8_t max_szx = 6;
  uint32_t ack_timeout_ms = 2000;
  // ACK_RANDOM_FACTOR as a fraction: the first timeout is drawn from
  // [ack_timeout, ack_timeout * (1 + random_factor_percent / 100)].
  uint32_t random_factor_percent = 50;
  uint8_t max_retransmit = 4;
  uint32_t exchange_lifetime_ms = 247000;
  uint32_t non_lifetime_ms = 145000;
  // A block-wise upload (Block1) with no new block for this long is dropped.
  uint32_t transfer_timeout_ms = 60000;
  // A deferred request (separate response) the application does not answer in this time is
  // forgotten; the client has given up by then (EXCHANGE_LIFETIME).
  uint32_t deferred_timeout_ms = 247000;
  // Every Nth notification to an observer is confirmable, so that a vanished client is noticed.
  uint16_t con_notification_every = 8;
  // ... and at least one per this interval (RFC 7641 4.5: 24 hours).
  uint32_t con_notification_interval_ms = 24u * 60u * 60u * 1000u;
  // How many of the observer slots one resource may take.
  uint8_t max_observers_per_resource = 4;
  // Upper bound of a reassembled Block1 body (also capped by the transfer buffers).
  uint32_t max_body = 64u * 1024u;
};

}  // namespace tc::coap
