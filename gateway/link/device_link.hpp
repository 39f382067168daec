// The gateway's view of the constrained side (DESIGN.md 4): what the rest of tc-gateway (device
// registry, command queue, HTTP API, event streams) needs from the CoAP layer, as an interface so
// that each side is tested without the other. The implementation is gateway/coap (libcoap, one
// thread); tests use a fake.
//
// Threads: every method may be called from any thread. Completions and the Listener's callbacks
// run on the CoAP thread: they must be short and must not block (hand work to another thread, or
// fulfil a promise).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::gw {

inline constexpr uint16_t kFormatCbor = 60;
inline constexpr uint16_t kFormatLinkFormat = 40;
inline constexpr uint16_t kFormatJson = 50;
inline constexpr uint16_t kFormatOctets = 42;

enum class Method : uint8_t { get = 1, post = 2, put = 3, del = 4 };

// Where a device answers: the base URI of its registration (RFC 9176 `base`, or the source
// address of the registration when it gave none), e.g. "coap://127.0.0.1:5701".
using DeviceAddress = std::string;

struct CoapRequest {
  Method method = Method::get;
  std::string path;                // "/c/app/x/state", percent-decoded segments joined by '/'
  std::vector<std::string> query;  // "from=12", one Uri-Query option each
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;  // sent block-wise (Block1) when larger than a block
  std::chrono::milliseconds timeout{5000};  // the whole exchange, every block included
};

struct CoapReply {
  uint8_t code = 0;  // class << 5 | detail, as on the wire (0x45 = 2.05)
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;  // Block2 answers reassembled
  std::vector<std::string> location_path;

  [[nodiscard]] bool success() const { return (code >> 5) == 2; }
  [[nodiscard]] std::string code_text() const;  // "2.05", "4.04"
};

enum class CoapFailure : uint8_t {
  none,
  unreachable,  // the network refused (ICMP port unreachable, reset)
  timeout,      // no (complete) answer within the request's timeout
  bad_response, // an answer that is not CoAP, or Block2 blocks that do not follow on
  local,        // could not send (bad address, out of sessions, shutting down)
};

struct CoapOutcome {
  CoapFailure failure = CoapFailure::none;
  std::string message;  // for a failure: what happened, for a person
  CoapReply reply;      // when failure == none

  [[nodiscard]] bool ok() const { return failure == CoapFailure::none; }
};

using Completion = std::function<void(CoapOutcome)>;

// One RFC 9176 registration as the resource directory holds it.
struct Registration {
  std::string endpoint;          // `ep`: the device id
  std::string sector;            // `d`, empty when absent
  DeviceAddress base;            // see DeviceAddress
  std::chrono::seconds lifetime; // `lt` (RFC 9176 default 90000 s), clamped to the RD's bounds
  std::string location;          // "/rd/<n>": the registration resource the device refreshes
  std::string links;             // the registration's payload (link format, RFC 6690) as sent
};

enum class Unregistered : uint8_t {
  removed,  // the device DELETEd its registration
  expired,  // its lifetime lapsed without a refresh
};

// What the CoAP layer tells the gateway. Called on the CoAP thread.
class Listener {
 public:
  virtual ~Listener() = default;
  // A new registration, a refresh, or a re-registration (possibly from another address).
  // `refresh` is true for a refresh of a registration that was live (no change of base or links).
  virtual void on_registered(const Registration& r, bool refresh) = 0;
  virtual void on_unregistered(const std::string& endpoint, Unregistered why) = 0;
  // A notification of the device's observed /events resource (docs/protocol.md: {"next", "events"}
  // in CBOR), and the end of that observation (the device answered an error, or stopped
  // notifying and a re-registration is needed to start again).
  virtual void on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) = 0;
  virtual void on_events_ended(const std::string& endpoint, const std::string& why) = 0;
  // A request a device sent to the gateway outside /rd and the blob store: a container's remote
  // endpoint (docs/gateway.md, "Remote endpoints"). `endpoint` is the registered device at the
  // request's source address (empty when none is); the answer is 2.04 when this returns true,
  // 4.03 otherwise.
  virtual bool on_device_request(const std::string& endpoint, Method method,
                                 const std::string& path, const std::vector<std::string>& query,
                                 std::optional<uint16_t> content_format,
                                 const std::vector<uint8_t>& payload) = 0;
};

// Bytes the gateway serves to devices block-wise at coap://GATEWAY/b/<key> (stored SUIT envelopes
// and payloads). Called on the CoAP thread: must answer from memory, quickly.
class BlobSource {
 public:
  virtual ~BlobSource() = default;
  // The blob, or null when there is none under this key.
  [[nodiscard]] virtual std::shared_ptr<const std::vector<uint8_t>> blob(
      std::string_view key) const = 0;
};

class DeviceLink {
 public:
  virtual ~DeviceLink() = default;

  // Sends `request` to the device at `to`; `done` is called exactly once (also on shutdown).
  virtual void send(const DeviceAddress& to, CoapRequest request, Completion done) = 0;

  // Observes GET /events?from=FROM on the device (Observe: 0); each notification goes to
  // Listener::on_events. Replaces an earlier observation of the same endpoint.
  virtual void observe_events(const std::string& endpoint, const DeviceAddress& at,
                              uint64_t from) = 0;
  virtual void cancel_events(const std::string& endpoint) = 0;

  // The URI under which a device fetches the blob `key` ("coap://127.0.0.1:5683/b/<key>"), as
  // seen from a device at `device` (the gateway's address on the route to it).
  [[nodiscard]] virtual std::string blob_uri(const DeviceAddress& device,
                                             std::string_view key) const = 0;

  // The live registrations (a snapshot).
  [[nodiscard]] virtual std::vector<Registration> registrations() const = 0;
};

}  // namespace tc::gw
