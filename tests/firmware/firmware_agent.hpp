// The agent on the firmware's own ports, as the agent self-tests use it: SysTick clock and
// watchdog, RAM storage, the simulated board resources, xorshift entropy, and a pool sized for
// kContainers containers of kContainerBytes each (issue 7's budget: 4 of 2 KiB). One static
// instance per image; nothing here allocates.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "manifest/manifest.hpp"
#include "ram_storage.hpp"
#include "sim_resources.hpp"
#include "systick_clock.hpp"
#include "systick_watchdog.hpp"
#include "xorshift_entropy.hpp"

namespace tc::firmware_test {

inline constexpr uint8_t kContainers = 4;
inline constexpr uint32_t kContainerBytes = 2048;  // image + manifest CBOR + data + stack
inline constexpr uint32_t kContextBytes = 128;     // largest message or request payload
inline constexpr uint32_t kInboxBytes = 256;
inline constexpr uint32_t kLogBytes = 256;
inline constexpr uint16_t kEvents = 16;
inline constexpr uint32_t kStorageBytes = 8192;

[[nodiscard]] constexpr uint32_t align8(uint64_t n) {
  return static_cast<uint32_t>((n + 7) & ~uint64_t{7});
}
// The pool Agent::begin carves: the event ring, then per slot its control block, buffers and
// kContainerBytes for the container itself (agent.cpp, Agent::begin).
inline constexpr uint32_t kSlotBytes = align8(sizeof(agent::Slot)) +
                                       align8(agent::kInboxHeader + kContextBytes) +
                                       align8(kInboxBytes) + align8(kLogBytes) + kContainerBytes;
inline constexpr uint32_t kPoolBytes =
    align8(uint64_t{kEvents} * sizeof(agent::Event)) + kContainers * kSlotBytes;

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
