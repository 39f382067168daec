// A CoAP client for one device (docs/protocol.md), over libcoap: confirmable requests, block-wise
// transfers both ways (libcoap reassembles Block2 answers and sends large bodies with Block1),
// observe, and an overall deadline per request so a silent device becomes a clear error.
//
//   DeviceClient client(uri, {.timeout = std::chrono::seconds(5)});
//   Outcome o = client.get("/c");
//   if (!o.ok()) ... o.message ...             // unreachable, timeout, local
//   else if (!o.reply.success()) ... o.reply.code_text() ...
//
// libcoap stays inside device_client.cpp: its context, session and PDUs are held by RAII types
// there. Single-threaded; one request at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dev/device_uri.hpp"

namespace tc::dev {

inline constexpr uint16_t kFormatCbor = 60;

struct Reply {
  uint8_t code = 0;  // class << 5 | detail, as on the wire (0x45 = 2.05)
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;
  std::vector<std::string> location_path;
  bool observing = false;  // the answer carried Observe (a notification, or registration accepted)

  [[nodiscard]] bool success() const { return (code >> 5) == 2; }
  [[nodiscard]] std::string code_text() const;  // "2.05 Content", "4.04 Not Found"
};

enum class Failure : uint8_t {
  none,
  unreachable,  // the network refused (ICMP port unreachable, no route, reset)
  timeout,      // no answer before the deadline
  local,        // could not even send (resolution, socket, libcoap)
};

struct Outcome {
  Failure failure = Failure::none;
  std::string message;  // for a failure
  Reply reply;          // when failure == none

  [[nodiscard]] bool ok() const { return failure == Failure::none; }
};

struct ClientOptions {
  std::chrono::milliseconds timeout{5000};
  bool verbose = false;  // libcoap's own debug log on stderr
};

struct RequestSpec {
  std::string_view path;                // "/c/app/logs"
  std::vector<std::string> query = {};  // "from=12"
  std::optional<uint16_t> content_format = std::nullopt;
  std::span<const uint8_t> payload = {};
};

class DeviceClient {
 public:
  // Resolves the host; a failure is reported by every request (as Failure::local).
  DeviceClient(const DeviceUri& uri, const ClientOptions& options);
  ~DeviceClient();
  DeviceClient(const DeviceClient&) = delete;
  DeviceClient& operator=(const DeviceClient&) = delete;

  [[nodiscard]] Outcome get(const RequestSpec& request);
  [[nodiscard]] Outcome post(const RequestSpec& request);
  [[nodiscard]] Outcome del(const RequestSpec& request);
  [[nodiscard]] Outcome get(std::string_view path) { return get(RequestSpec{.path = path}); }

  // GET with Observe: 0. on_reply gets the first answer and each notification (bodies
  // reassembled) and returns false to stop; then the observation is cancelled. Returns the
  // failure when the first answer does not come in time, else the last reply seen. A first answer
  // without Observe (the resource is not observable) or with an error code ends it too.
  using Observer = std::function<bool(const Reply&)>;
  [[nodiscard]] Outcome observe(const RequestSpec& request, const Observer& on_reply);

  [[nodiscard]] const DeviceUri& uri() const { return uri_; }

  struct Impl;

 private:
  DeviceUri uri_;
  ClientOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tc::dev
