// Reconciling one managed device (docs/api/platform-link.md, "Reconciling"): from what the device
// reports and what the platform wants, the one next command to queue and the sync status of each
// desired container. Pure planning, no I/O: the platform link reads the device, asks for a plan,
// submits the command and remembers the device's refusals.
//
// Order: containers not in the desired list are removed first (freeing the device's storage),
// then the desired containers in the document's order. A command the device refused is not
// planned again for the same desired container (and the same device state) within
// kRefusalHold; the planner goes on to the next container meanwhile.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command.hpp"
#include "platform/desired_state.hpp"

namespace tc::gw {

inline constexpr std::chrono::milliseconds kRefusalHold = std::chrono::minutes(5);

// One container as the device reports it (GET /c, GET /c/{name}).
struct ActualContainer {
  std::string name;
  std::string state;  // installed, running, stopped, suspended, faulted
  uint64_t sequence = 0;
};

enum class SyncStatus : uint8_t { converged, pending, failed, diverged };

struct ContainerSync {
  std::string container;
  SyncStatus status = SyncStatus::pending;
  std::string detail;  // why it is not converged, for a person; empty when converged

  bool operator==(const ContainerSync&) const = default;
};

struct PlannedCommand {
  CommandKind kind = CommandKind::start;
  std::string container;
  std::string digest;  // install: the envelope's SHA-256

  bool operator==(const PlannedCommand&) const = default;
};

// A command the device refused, remembered by container name.
struct Refusal {
  CommandKind kind = CommandKind::start;
  std::optional<DesiredContainer> desired;  // what was desired then; none for a removal
  int64_t at_ms = 0;
  std::string reason;  // the device's answer
};
using Refusals = std::map<std::string, Refusal, std::less<>>;

struct DevicePlan {
  std::optional<PlannedCommand> next;  // nothing to do (or everything held back): none
  std::vector<ContainerSync> sync;     // one per desired container, in the document's order
};

[[nodiscard]] DevicePlan plan_device(const std::vector<DesiredContainer>& desired,
                                     const std::vector<ActualContainer>& actual,
                                     const Refusals& refused, int64_t now_ms);

// Every desired container pending with `detail` (the device is offline, or a command is out).
[[nodiscard]] std::vector<ContainerSync> all_pending(const std::vector<DesiredContainer>& desired,
                                                     const std::string& detail);

[[nodiscard]] std::string_view name(SyncStatus status);

}  // namespace tc::gw
