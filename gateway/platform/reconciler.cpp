#include "platform/reconciler.hpp"

#include <algorithm>

namespace tc::gw {
namespace {

// What one desired container needs: a command (or none) and its status if nothing is refused.
struct Step {
  std::optional<CommandKind> kind;
  SyncStatus status = SyncStatus::converged;
  std::string detail;
};

Step life_cycle_step(const DesiredContainer& want, const std::string& state) {
  const bool run = want.state == DesiredRun::running;
  if (run && (state == "installed" || state == "stopped")) {
    return {CommandKind::start, SyncStatus::pending, "starting"};
  }
  if (run && state == "faulted") return {CommandKind::restart, SyncStatus::pending, "restarting"};
  if (!run && (state == "running" || state == "suspended")) {
    return {CommandKind::stop, SyncStatus::pending, "stopping"};
  }
  // A suspended container resumes on its own (throttling, back-off); a faulted one is not running.
  if (run && state == "suspended") return {std::nullopt, SyncStatus::pending, "suspended"};
  if ((run && state == "running") ||
      (!run && (state == "installed" || state == "stopped" || state == "faulted"))) {
    return {};
  }
  return {std::nullopt, SyncStatus::pending, "the device reports state '" + state + "'"};
}

Step step_for(const DesiredContainer& want, const ActualContainer* have) {
  if (have == nullptr || have->sequence < want.sequence) {
    return {CommandKind::install, SyncStatus::pending,
            "installing sequence " + std::to_string(want.sequence)};
  }
  if (have->sequence > want.sequence) {
    return {std::nullopt, SyncStatus::diverged,
            "the device holds sequence " + std::to_string(have->sequence) + ", above " +
                std::to_string(want.sequence)};
  }
  return life_cycle_step(want, have->state);
}

// The refusal that still holds back `kind` for `container`, if any.
const Refusal* holding_refusal(const Refusals& refused, const std::string& container,
                               CommandKind kind, const std::optional<DesiredContainer>& desired,
                               int64_t now_ms) {
  const auto it = refused.find(container);
  if (it == refused.end()) return nullptr;
  const Refusal& r = it->second;
  const bool same = r.kind == kind && r.desired == desired;
  return same && now_ms - r.at_ms < kRefusalHold.count() ? &r : nullptr;
}

const ActualContainer* find_actual(const std::vector<ActualContainer>& actual,
                                   const std::string& name) {
  const auto it = std::find_if(actual.begin(), actual.end(),
                               [&](const ActualContainer& a) { return a.name == name; });
  return it == actual.end() ? nullptr : &*it;
}

void plan_removals(const std::vector<DesiredContainer>& desired,
                   const std::vector<ActualContainer>& actual, const Refusals& refused,
                   int64_t now_ms, DevicePlan& plan) {
  for (const ActualContainer& a : actual) {
    const bool wanted = std::any_of(desired.begin(), desired.end(),
                                    [&](const DesiredContainer& d) { return d.name == a.name; });
    if (wanted || holding_refusal(refused, a.name, CommandKind::remove, std::nullopt, now_ms)) {
      continue;
    }
    plan.next = PlannedCommand{CommandKind::remove, a.name, {}};
    return;
  }
}

}  // namespace

DevicePlan plan_device(const std::vector<DesiredContainer>& desired,
                       const std::vector<ActualContainer>& actual, const Refusals& refused,
                       int64_t now_ms) {
  DevicePlan plan;
  plan_removals(desired, actual, refused, now_ms, plan);
  for (const DesiredContainer& want : desired) {
    const Step step = step_for(want, find_actual(actual, want.name));
    ContainerSync sync{want.name, step.status, step.detail};
    if (step.kind) {
      if (const Refusal* r = holding_refusal(refused, want.name, *step.kind, want, now_ms)) {
        sync = {want.name, SyncStatus::failed, r->reason};
      } else if (!plan.next) {
        const std::string digest = *step.kind == CommandKind::install ? want.digest : "";
        plan.next = PlannedCommand{*step.kind, want.name, digest};
      }
    }
    plan.sync.push_back(std::move(sync));
  }
  return plan;
}

std::vector<ContainerSync> all_pending(const std::vector<DesiredContainer>& desired,
                                       const std::string& detail) {
  std::vector<ContainerSync> out;
  out.reserve(desired.size());
  for (const DesiredContainer& d : desired)
    out.push_back({d.name, SyncStatus::pending, detail});
  return out;
}

std::string_view name(SyncStatus status) {
  switch (status) {
    case SyncStatus::converged:
      return "converged";
    case SyncStatus::pending:
      return "pending";
    case SyncStatus::failed:
      return "failed";
    case SyncStatus::diverged:
      return "diverged";
  }
  return "pending";
}

}  // namespace tc::gw
