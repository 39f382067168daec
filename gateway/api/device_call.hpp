// Requests to a device from an HTTP handler thread: sent through the DeviceLink, the handler
// waits for the completion (the CoAP thread never waits). Several requests to one device go out
// together and are awaited together (a container list with each container's status).
#pragma once

#include <chrono>
#include <vector>

#include "link/device_link.hpp"

namespace tc::gw {

// How long past a request's own timeout the caller waits for its completion before calling it a
// timeout itself (a guard: the link completes every request).
inline constexpr std::chrono::milliseconds kCompletionGrace{5000};

[[nodiscard]] CoapOutcome call_device(DeviceLink& link, const DeviceAddress& to,
                                      CoapRequest request);
[[nodiscard]] std::vector<CoapOutcome> call_device_all(DeviceLink& link, const DeviceAddress& to,
                                                       std::vector<CoapRequest> requests);

}  // namespace tc::gw
