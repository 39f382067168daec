// The ports the agent needs, bundled (DESIGN.md 2: clock, one-shot timer, flash storage, resource
// drivers, entropy). Each is a narrow interface the native and Cortex-M ports implement.
#pragma once

#include "agent/clock.hpp"
#include "agent/entropy.hpp"
#include "agent/resources.hpp"
#include "agent/storage.hpp"
#include "agent/watchdog.hpp"

namespace tc::agent {

struct Ports {
  Clock& clock;
  Watchdog& watchdog;
  Storage& storage;
  Resources& resources;
  Entropy& entropy;
};

}  // namespace tc::agent
