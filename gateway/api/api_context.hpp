// What the API's handlers work with: the service's parts, the link to devices, the limits set on
// the command line and the platform link when there is one.
#pragma once

#include <chrono>
#include <cstddef>

#include "auth/token_store.hpp"
#include "commands/command_queue.hpp"
#include "devices/registry.hpp"
#include "events/event_hub.hpp"
#include "link/device_link.hpp"
#include "platform/platform_link.hpp"

namespace tc::gw {

struct ApiLimits {
  std::chrono::milliseconds device_timeout{5000};  // reads and proxied requests
  std::chrono::seconds default_wait{10};           // `?wait` without a value
  std::chrono::seconds max_wait{300};
  std::chrono::milliseconds keep_alive{15000};  // SSE comment interval on a quiet stream
  std::size_t max_body = std::size_t{1} << 20;  // larger request bodies: 413
};

struct ApiContext {
  Registry& devices;
  CommandQueue& commands;
  EventHub& events;
  TokenStore& tokens;
  DeviceLink& link;
  ApiLimits limits;
  const PlatformLink* platform = nullptr;  // null: standalone
};

}  // namespace tc::gw
