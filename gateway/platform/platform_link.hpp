// The gateway's link to tc-platform (DESIGN.md 1 and 4, docs/api/platform-link.md): with
// --platform URL and --token T the gateway pulls the desired state of its managed devices,
// reconciles them through its command queue, and pushes their actual state, its events and
// usage. This header is the seam main.cpp and the API see: the options, what the link reports
// (GET /api/v1/platform), and the factory. The implementation is PlatformSync
// (platform_sync.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace tc::gw {

class BlobStore;
class CommandQueue;
class Database;
class DeviceLink;
class EventHub;
class Registry;

struct PlatformOptions {
  std::string url;    // "https://platform.example" ; empty: standalone
  std::string token;  // the gateway's token on the platform
  std::chrono::milliseconds sync_interval{5000};
  std::chrono::milliseconds usage_interval{60000};
  std::chrono::milliseconds request_timeout{10000};  // one HTTP request to the platform
  std::chrono::milliseconds backoff_initial{1000};   // after a failure, doubling...
  std::chrono::milliseconds backoff_max{60000};      // ...up to this
  std::chrono::milliseconds heartbeat{60000};        // the state is pushed at least this often

  [[nodiscard]] bool enabled() const { return !url.empty(); }
};

// Why the options cannot work (a URL that is not http(s), a URL without a token), or empty.
[[nodiscard]] std::string check(const PlatformOptions& options);

// What the link is doing, for GET /api/v1/platform.
struct PlatformStatus {
  bool enabled = false;
  std::string url;
  int64_t last_pull_ms = 0;      // the last successful pull (200 or 304); 0: never
  int64_t last_push_ms = 0;      // the last state or events the platform accepted; 0: never
  std::string desired_revision;  // empty: no desired state held
  std::size_t outbox_pending = 0;
  std::string last_error;  // empty: the last exchange succeeded
  // The devices the platform refused in the last state push ("d1 (device_claimed)"), empty for
  // none: the push succeeded for the others, so this is not an error of the link.
  std::string refused_devices;
};

class PlatformLink {
 public:
  virtual ~PlatformLink() = default;
  // Starts syncing in the background; a readable error when it cannot start.
  [[nodiscard]] virtual std::string start() = 0;
  virtual void stop() = 0;
  [[nodiscard]] virtual PlatformStatus status() const = 0;
};

// The gateway's parts the link works with.
struct PlatformParts {
  Database& db;
  Registry& devices;
  CommandQueue& commands;
  EventHub& events;
  BlobStore& blobs;
  DeviceLink& link;
};

// The link for `options` (enabled). From construction on, every event the hub publishes goes
// to the outbox: construct it before the service starts.
[[nodiscard]] std::unique_ptr<PlatformLink> make_platform_link(const PlatformOptions& options,
                                                               PlatformParts parts);

}  // namespace tc::gw
