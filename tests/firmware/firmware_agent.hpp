// The agent on the firmware's own ports, as the agent self-tests use it: SysTick clock and
// watchdog, RAM storage, the simulated board resources, xorshift entropy, and the pool of
// agent_budget.hpp (issue 7's budget: 4 containers of 2 KiB), as tinycontainer.elf has it. One
// static instance per image; nothing here allocates.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "agent/agent.hpp"
#include "agent_budget.hpp"
#include "manifest/manifest.hpp"
#include "ram_storage.hpp"
#include "sim_resources.hpp"
#include "systick_clock.hpp"
#include "systick_watchdog.hpp"
#include "xorshift_entropy.hpp"

namespace tc::firmware_test {

using cortex_m::agent_budget::kContainerBytes;
using cortex_m::agent_budget::kContainers;
using cortex_m::agent_budget::kPoolBytes;
inline constexpr uint32_t kStorageBytes = 8192;

class FirmwareAgent {
 public:
  FirmwareAgent();
  FirmwareAgent(const FirmwareAgent&) = delete;
  FirmwareAgent& operator=(const FirmwareAgent&) = delete;

  // Starts the agent over the pool; prints its memory figures.
  Status begin();
  // Decodes `manifest_cbor` and installs the container (unsigned development install).
  Status install(std::span<const uint8_t> image, std::span<const uint8_t> manifest_cbor);
  // Polls the agent until `until_ms` on the SysTick clock, sleeping between due activations.
  void run_until(uint64_t until_ms);
  // Prints the container's log lines on the console (prefixed with its name); returns whether one
  // of them equals `wanted` (empty: none wanted).
  bool print_logs(std::string_view name, std::string_view wanted = {});

  agent::Agent& agent() { return agent_; }
  cortex_m::SimResources& resources() { return resources_; }
  cortex_m::SysTickWatchdog& watchdog() { return watchdog_; }
  [[nodiscard]] const agent::Clock& clock() const { return clock_; }

 private:
  cortex_m::SysTickClock clock_;
  cortex_m::SysTickWatchdog watchdog_;
  cortex_m::RamStorage storage_;
  cortex_m::SimResources resources_;
  cortex_m::XorshiftEntropy entropy_;
  agent::Agent agent_;
  manifest::Manifest manifest_;  // decoded here on install: too large for the stack
};

}  // namespace tc::firmware_test
