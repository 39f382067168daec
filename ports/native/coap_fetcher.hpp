// Payloads by URI for tc-device (docs/native-port.md, "Payloads by URI"): the suit::Fetcher that
// GETs a `coap://` resource block-wise (RFC 7959 Block2) with the project's own CoAP codec
// (runtime/coap), on a UDP socket of its own. The codec rather than libcoap because the same
// device core is meant to run on a microcontroller, where this client has to be rewritten on the
// same codec anyway; only the socket and the clock here are Linux.
//
// A fetch blocks its caller (the install handler, so tc-device's main loop) until it ends, which
// the overall limit bounds: see docs/native-port.md for what that means for running containers.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "coap/endpoint.hpp"
#include "core/status.hpp"
#include "rd/coap_uri.hpp"
#include "suit/suit.hpp"

namespace tc::native {

// RFC 7252 4.8 transmission parameters, shortened. The RFC's ACK_TIMEOUT of 2 s with up to 4
// retransmissions waits up to 93 s (MAX_TRANSMIT_WAIT) for one message; the install request's
// client (tcctl waits 5 s by default) gives up long before that, and a gateway on the same link
// answers in milliseconds, so a fetch must fail within seconds instead.
//
// The first retransmission timeout, before randomisation (RFC 7252: 2000 ms). 400 rather than a
// round 500 so that all three retransmissions go out inside the overall limit even with the
// largest random factor (at most 0.6, 1.8 and 4.2 s after the first transmission), the last one
// still having 0.8 s to be answered.
inline constexpr uint32_t kFetchAckTimeoutMs = 400;
// ACK_RANDOM_FACTOR in thousandths (the RFC's 1.5): each first timeout is drawn from [1, 1.5) x
// the above, so that devices that lost the same gateway do not retransmit in step.
inline constexpr uint32_t kFetchAckRandomPermille = 1500;
// MAX_RETRANSMIT (RFC 7252: 4). The timeout doubles after each retransmission.
inline constexpr uint8_t kFetchMaxRetransmit = 3;
// The whole fetch of one payload (every block, every retransmission, the wait for a separate
// response) ends within this: it is how long the main loop can be held up per component.
inline constexpr uint32_t kFetchLimitMs = 5000;
// The first request asks for 1024-byte blocks (SZX 6, the largest RFC 7959 allows over UDP);
// later ones follow the block size the server answered with.
inline constexpr uint8_t kFetchFirstSzx = 6;

// The parameters above, as one value: tc-device uses the defaults; a test may shorten them.
struct FetchTiming {
  uint32_t ack_timeout_ms = kFetchAckTimeoutMs;
  uint32_t ack_random_permille = kFetchAckRandomPermille;
  uint8_t max_retransmit = kFetchMaxRetransmit;
  uint32_t limit_ms = kFetchLimitMs;
};

// A `coap://HOST[:PORT]/path?query` the fetcher can reach: HOST an IPv4 literal or `localhost`
// (127.0.0.1): the device resolves no names. `path` and `query` are views into the URI, still
// percent-encoded; the request's options are decoded from them.
struct FetchUri {
  coap::Endpoint peer;
  bool named_host = false;  // `localhost`: the request carries it as Uri-Host (RFC 7252 6.4)
  rd::CoapUri uri;          // the parts, for the request's options
  std::string_view host;
  std::string_view path;   // "" or starting with '/'
  std::string_view query;  // without the '?'
};

// Splits and checks `uri` (rd::parse_coap_uri, restricted as above). On failure the Status
// message names what is wrong ("only coap:// URIs are supported", ...).
[[nodiscard]] Status parse_fetch_uri(std::string_view uri, FetchUri& out);

class CoapFetcher final : public suit::Fetcher {
 public:
  // `verbose`: also log each successful fetch on stderr (failures are always logged there, since
  // the install's refusal only says fetch_failed).
  explicit CoapFetcher(FetchTiming timing = {}, bool verbose = false)
      : timing_(timing), verbose_(verbose) {}

  // GETs `uri` into `into` from offset 0, block by block; returns the bytes written. Fails when
  // the URI is not one this fetcher can reach, when the server does not answer 2.05 Content
  // within the limits, when its blocks do not follow on, or when the resource is larger than
  // `into`.
  Result<suit::Bytes> fetch(std::string_view uri, std::span<uint8_t> into) override;

  // Why the last fetch failed ("ok" after a success): a static text.
  [[nodiscard]] const char* last_error() const { return last_error_; }
  // The response code of the last failed fetch when the server answered one (else 0.00).
  [[nodiscard]] uint8_t last_code() const { return last_code_; }
  // Datagrams the last fetch sent: requests, their retransmissions and the acknowledgements of
  // separate responses (logs, tests).
  [[nodiscard]] uint32_t last_sent() const { return last_sent_; }
  // Responses the last fetch took: one per block.
  [[nodiscard]] uint32_t last_blocks() const { return last_blocks_; }

 private:
  class Session;

  Result<suit::Bytes> run(std::string_view uri, std::span<uint8_t> into);

  FetchTiming timing_;
  bool verbose_;
  uint16_t next_message_id_ = 0;
  bool seeded_ = false;
  const char* last_error_ = "ok";
  uint8_t last_code_ = 0;
  uint32_t last_sent_ = 0;
  uint32_t last_blocks_ = 0;
};

}  // namespace tc::native
