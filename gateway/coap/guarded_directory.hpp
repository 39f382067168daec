// The resource directory's table with the mutex that guards it: the CoAP thread changes it,
// DeviceLink::registrations() reads it from any thread. Never held across a Listener call.
#pragma once

#include <mutex>

#include "coap/resource_directory.hpp"

namespace tc::gw {

struct GuardedDirectory {
  explicit GuardedDirectory(const RdLimits& limits) : table(limits) {}
  mutable std::mutex mutex;
  ResourceDirectory table;
};

}  // namespace tc::gw
