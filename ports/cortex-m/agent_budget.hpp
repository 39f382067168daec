// The agent's memory on the target (issue 7's budget: 4 containers of 2 KiB) and its
// configuration, shared by the device firmware (tinycontainer.elf) and the agent self-tests so
// that both run the same layout.
#pragma once

#include <cstdint>
#include <span>

#include "agent/agent.hpp"
#include "agent/slot.hpp"

namespace tc::cortex_m::agent_budget {

inline constexpr uint8_t kContainers = 4;
inline constexpr uint32_t kContainerBytes = 2048;  // image + manifest CBOR + data + stack
inline constexpr uint32_t kContextBytes = 128;     // largest message or request payload
inline constexpr uint32_t kInboxBytes = 256;
inline constexpr uint32_t kLogBytes = 256;
inline constexpr uint16_t kEvents = 16;

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

// The agent's configuration for this budget. `responses` takes the answers to container exports
// (the management tree on the device; nullptr in the self-tests, which have no exports).
[[nodiscard]] agent::Config config(agent::ResponseSink* responses);

}  // namespace tc::cortex_m::agent_budget
