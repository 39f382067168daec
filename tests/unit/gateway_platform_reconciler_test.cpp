// The reconciler's plan (gateway/platform/reconciler), row by row of the table in
// docs/api/platform-link.md "Reconciling", with refusals held back for 5 minutes.
#include <gtest/gtest.h>

#include "platform/reconciler.hpp"

namespace tc::gw {
namespace {

constexpr int64_t kNow = 1'000'000'000;
const std::string kDigest(64, 'b');

DesiredContainer want(const std::string& name, uint64_t sequence,
                      DesiredRun state = DesiredRun::running) {
  return {name, sequence, kDigest, 100, state};
}

DevicePlan plan(const std::vector<DesiredContainer>& desired,
                const std::vector<ActualContainer>& actual, const Refusals& refused = {},
                int64_t now = kNow) {
  return plan_device(desired, actual, refused, now);
}

void expect_next(const DevicePlan& p, CommandKind kind, const std::string& container) {
  ASSERT_TRUE(p.next.has_value());
  EXPECT_EQ(p.next->kind, kind);
  EXPECT_EQ(p.next->container, container);
}

SyncStatus status_of(const DevicePlan& p, const std::string& container) {
  for (const ContainerSync& s : p.sync)
    if (s.container == container) return s.status;
  ADD_FAILURE() << "no sync for " << container;
  return SyncStatus::pending;
}

TEST(PlatformReconciler, MissingContainerIsInstalled) {
  const DevicePlan p = plan({want("thermo", 7)}, {});
  expect_next(p, CommandKind::install, "thermo");
  EXPECT_EQ(p.next->digest, kDigest);
  EXPECT_EQ(status_of(p, "thermo"), SyncStatus::pending);
}

TEST(PlatformReconciler, LowerSequenceIsInstalledWhateverTheState) {
  for (const char* state : {"installed", "running", "stopped", "suspended", "faulted"}) {
    for (const DesiredRun run : {DesiredRun::running, DesiredRun::stopped}) {
      const DevicePlan p = plan({want("thermo", 7, run)}, {{"thermo", state, 6}});
      expect_next(p, CommandKind::install, "thermo");
    }
  }
}

TEST(PlatformReconciler, HigherSequenceIsDivergedWithoutACommand) {
  for (const DesiredRun run : {DesiredRun::running, DesiredRun::stopped}) {
    const DevicePlan p = plan({want("thermo", 7, run)}, {{"thermo", "running", 8}});
    EXPECT_FALSE(p.next);
    EXPECT_EQ(status_of(p, "thermo"), SyncStatus::diverged);
    EXPECT_NE(p.sync.at(0).detail.find("8"), std::string::npos);
  }
}

TEST(PlatformReconciler, InstalledOrStoppedIsStartedWhenRunningIsDesired) {
  for (const char* state : {"installed", "stopped"}) {
    const DevicePlan p = plan({want("thermo", 7)}, {{"thermo", state, 7}});
    expect_next(p, CommandKind::start, "thermo");
    EXPECT_EQ(status_of(p, "thermo"), SyncStatus::pending);
  }
}

TEST(PlatformReconciler, FaultedIsRestartedWhenRunningIsDesired) {
  expect_next(plan({want("thermo", 7)}, {{"thermo", "faulted", 7}}), CommandKind::restart,
              "thermo");
}

TEST(PlatformReconciler, RunningOrSuspendedIsStoppedWhenStoppedIsDesired) {
  for (const char* state : {"running", "suspended"}) {
    expect_next(plan({want("thermo", 7, DesiredRun::stopped)}, {{"thermo", state, 7}}),
                CommandKind::stop, "thermo");
  }
}

TEST(PlatformReconciler, ConvergedStatesNeedNothing) {
  const DevicePlan running = plan({want("thermo", 7)}, {{"thermo", "running", 7}});
  EXPECT_FALSE(running.next);
  EXPECT_EQ(running.sync.at(0), (ContainerSync{"thermo", SyncStatus::converged, ""}));
  for (const char* state : {"installed", "stopped", "faulted"}) {
    const DevicePlan p = plan({want("thermo", 7, DesiredRun::stopped)}, {{"thermo", state, 7}});
    EXPECT_FALSE(p.next) << state;
    EXPECT_EQ(status_of(p, "thermo"), SyncStatus::converged) << state;
  }
}

TEST(PlatformReconciler, SuspendedWhileRunningIsDesiredWaits) {
  const DevicePlan p = plan({want("thermo", 7)}, {{"thermo", "suspended", 7}});
  EXPECT_FALSE(p.next);
  EXPECT_EQ(status_of(p, "thermo"), SyncStatus::pending);
}

TEST(PlatformReconciler, UnknownStateWaits) {
  const DevicePlan p = plan({want("thermo", 7)}, {{"thermo", "exploded", 7}});
  EXPECT_FALSE(p.next);
  EXPECT_EQ(status_of(p, "thermo"), SyncStatus::pending);
}

TEST(PlatformReconciler, UndesiredContainerIsRemovedFirst) {
  const DevicePlan p = plan({want("thermo", 7)}, {{"old", "running", 3}});
  expect_next(p, CommandKind::remove, "old");
  EXPECT_EQ(p.sync.size(), 1U);  // only desired containers have a sync status
  EXPECT_EQ(status_of(p, "thermo"), SyncStatus::pending);
  expect_next(plan({}, {{"old", "running", 3}}), CommandKind::remove, "old");
}

TEST(PlatformReconciler, OneCommandAtATimeInDocumentOrder) {
  const DevicePlan p = plan({want("a", 1), want("b", 1)}, {{"b", "stopped", 1}});
  expect_next(p, CommandKind::install, "a");
  EXPECT_EQ(status_of(p, "b"), SyncStatus::pending);
}

TEST(PlatformReconciler, NothingToDoForAnEmptyDevice) {
  const DevicePlan p = plan({}, {});
  EXPECT_FALSE(p.next);
  EXPECT_TRUE(p.sync.empty());
}

TEST(PlatformReconciler, RefusedCommandIsNotSentAgainForTheSameDesiredContainer) {
  Refusals refused;
  refused["a"] = {CommandKind::install, want("a", 1), kNow - 1000, "4.03: rollback"};
  const DevicePlan p = plan({want("a", 1), want("b", 1)}, {}, refused);
  expect_next(p, CommandKind::install, "b");  // the planner moves on
  EXPECT_EQ(p.sync.at(0), (ContainerSync{"a", SyncStatus::failed, "4.03: rollback"}));
}

TEST(PlatformReconciler, RefusalIsForgottenAfterFiveMinutes) {
  Refusals refused;
  refused["a"] = {CommandKind::install, want("a", 1), kNow, "4.03"};
  const int64_t hold = kRefusalHold.count();
  EXPECT_FALSE(plan({want("a", 1)}, {}, refused, kNow + hold - 1).next);
  expect_next(plan({want("a", 1)}, {}, refused, kNow + hold), CommandKind::install, "a");
}

TEST(PlatformReconciler, RefusalIsForgottenWhenTheDesiredContainerChanges) {
  Refusals refused;
  refused["a"] = {CommandKind::install, want("a", 1), kNow, "4.03"};
  expect_next(plan({want("a", 2)}, {}, refused), CommandKind::install, "a");
  // Another command for the container (the device changed meanwhile) is not held back.
  expect_next(plan({want("a", 1)}, {{"a", "stopped", 1}}, refused), CommandKind::start, "a");
}

TEST(PlatformReconciler, RefusedRemovalIsHeldBack) {
  Refusals refused;
  refused["old"] = {CommandKind::remove, std::nullopt, kNow, "5.00"};
  EXPECT_FALSE(plan({}, {{"old", "running", 1}}, refused).next);
  expect_next(plan({}, {{"old", "running", 1}}, refused, kNow + kRefusalHold.count()),
              CommandKind::remove, "old");
}

TEST(PlatformReconciler, AllPending) {
  const std::vector<ContainerSync> s = all_pending({want("a", 1), want("b", 2)}, "offline");
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[1], (ContainerSync{"b", SyncStatus::pending, "offline"}));
  EXPECT_EQ(name(SyncStatus::diverged), "diverged");
}

}  // namespace
}  // namespace tc::gw
