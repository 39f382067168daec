// Life cycle: install, start, stop, restart, update with rollback, remove; persistence across a
// new agent over the same storage; 8 containers side by side.
#include <gtest/gtest.h>

#include "agent_fakes.hpp"

namespace tc::agent::test {
namespace {

TEST(AgentLifecycle, InstallStartStopRemove) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("ticker", make_manifest("ticker")).ok());
  EXPECT_EQ(h.info("ticker").state, State::installed);
  EXPECT_EQ(h.install("ticker", make_manifest("ticker")).code(), StatusCode::failed_precondition);

  ASSERT_TRUE(h.agent->start("ticker").ok());
  EXPECT_EQ(h.info("ticker").state, State::running);
  EXPECT_EQ(h.logs("ticker"), std::vector<std::string>{"start"});
  h.run_until(1000, 10);
  EXPECT_EQ(h.info("ticker").stats.activations, 1u + 10u);  // tc_start + 10 loops

  ASSERT_TRUE(h.agent->stop("ticker").ok());
  EXPECT_EQ(h.info("ticker").state, State::stopped);
  EXPECT_EQ(h.logs("ticker").back(), "stop");
  h.run_until(2000, 10);
  EXPECT_EQ(h.info("ticker").stats.activations, 12u);  // + tc_stop, no more loops

  ASSERT_TRUE(h.agent->remove("ticker").ok());
  EXPECT_EQ(h.agent->status("ticker").status().code(), StatusCode::not_found);
  EXPECT_TRUE(h.storage->data.empty());
  for (EventKind k :
       {EventKind::installed, EventKind::started, EventKind::stopped, EventKind::removed})
    EXPECT_EQ(h.events(k).size(), 1u) << describe(k);
}

TEST(AgentLifecycle, RefusesWhatTheManifestDoesNotAllow) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  // The probe calls tc_open, tc_kv_*, tc_publish and tc_respond: without grants it fails to verify.
  EXPECT_EQ(h.install("probe", make_manifest("probe")).code(), StatusCode::permission_denied);
  manifest::Manifest m = make_manifest("ticker");
  m.memory.stack_bytes = 16;  // smaller than the image's frame
  EXPECT_FALSE(h.install("ticker", m).ok());
  m = make_manifest("ticker");
  m.memory.data_bytes = 0;  // the image has 8 bytes of bss
  EXPECT_EQ(h.install("ticker", m).code(), StatusCode::resource_exhausted);
  m = make_manifest("ticker");
  add_endpoint(m, 1, "sensor/pressure", manifest::Direction::read);  // not on this board
  EXPECT_EQ(h.install("ticker", m).code(), StatusCode::failed_precondition);
  m = make_manifest("ticker");
  add_endpoint(m, 1, "sensor/temperature", manifest::Direction::write);  // read-only resource
  EXPECT_EQ(h.install("ticker", m).code(), StatusCode::permission_denied);
  m = make_manifest("ticker");
  m.memory.stack_bytes = 1u << 20;  // more than a slot holds
  EXPECT_EQ(h.install("ticker", m).code(), StatusCode::resource_exhausted);
  const std::vector<uint8_t> junk(64, 0x55);
  EXPECT_EQ(h.agent->install(junk, make_manifest("junk"), {}).code(), StatusCode::invalid_argument);
  EXPECT_TRUE(h.storage->data.empty());
  EXPECT_EQ(h.agent->list({}), 0u);
}

TEST(AgentLifecycle, PersistsAndRestoresAcrossANewAgent) {
  MemStorage storage;
  {
    Harness h(4, &storage);
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(h.install("ticker", make_manifest("ticker", 7)).ok());
    ASSERT_TRUE(h.install("spin", make_manifest("idle")).ok());
    ASSERT_TRUE(h.install("failing_start", make_manifest("other")).ok());
    ASSERT_TRUE(h.agent->start("ticker").ok());
    ASSERT_TRUE(h.agent->start("idle").ok());
    ASSERT_TRUE(h.agent->stop("idle").ok());
  }
  Harness h(4, &storage);
  ASSERT_TRUE(h.begin().ok());
  ContainerInfo all[4];
  ASSERT_EQ(h.agent->list(all), 3u);
  EXPECT_EQ(h.info("ticker").state, State::running);
  EXPECT_EQ(h.info("ticker").version, 7u);
  EXPECT_EQ(h.logs("ticker"), std::vector<std::string>{"start"});  // restarted
  EXPECT_EQ(h.info("idle").state, State::stopped);
  EXPECT_EQ(h.info("other").state, State::installed);
  EXPECT_EQ(h.events(EventKind::restored).size(), 3u);
  h.run_until(500, 10);
  EXPECT_EQ(h.info("ticker").stats.activations, 1u + 5u);
}

TEST(AgentLifecycle, OrphansOfAnInterruptedRemoveAreCleanedUp) {
  MemStorage storage;
  storage.data["s/gone"] = {1};
  storage.data["k/gone/key"] = {1, 2, 3};
  Harness h(4, &storage);
  ASSERT_TRUE(h.begin().ok());
  EXPECT_TRUE(storage.data.empty());
}

TEST(AgentLifecycle, UpdateRollsBackWhenTheNewVersionFailsToStart) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("ticker", make_manifest("app", 1)).ok());
  ASSERT_TRUE(h.agent->start("app").ok());
  const std::vector<uint8_t> bad = image("failing_start");
  const Status st = h.agent->update("app", bad, make_manifest("app", 2), {});
  EXPECT_EQ(st.code(), StatusCode::failed_precondition) << st.message();
  ContainerInfo info = h.info("app");
  EXPECT_EQ(info.version, 1u);
  EXPECT_EQ(info.state, State::running);
  ASSERT_EQ(h.events(EventKind::rolled_back).size(), 1u);
  EXPECT_EQ(h.events(EventKind::rolled_back)[0].a, 1u);
  EXPECT_EQ(h.events(EventKind::rolled_back)[0].b, 2u);
  // The old one still runs its loop.
  const uint64_t before = info.stats.activations;
  h.run_until(1000, 10);
  EXPECT_GT(h.info("app").stats.activations, before + 5);

  // A good update commits: a new agent over the same storage sees version 3.
  ASSERT_TRUE(h.agent->update("app", image("ticker"), make_manifest("app", 3), {}).ok());
  EXPECT_EQ(h.info("app").version, 3u);
  EXPECT_EQ(h.events(EventKind::updated).size(), 1u);
  Harness again(4, h.storage);
  ASSERT_TRUE(again.begin().ok());
  EXPECT_EQ(again.info("app").version, 3u);
  EXPECT_EQ(again.info("app").state, State::running);
}

TEST(AgentLifecycle, UpdateWithAnUnverifiableImageKeepsTheOldRunning) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(h.install("ticker", make_manifest("app", 1)).ok());
  ASSERT_TRUE(h.agent->start("app").ok());
  const std::vector<uint8_t> probe = image("probe");  // needs helpers the manifest does not grant
  EXPECT_EQ(h.agent->update("app", probe, make_manifest("app", 2), {}).code(),
            StatusCode::permission_denied);
  EXPECT_EQ(h.info("app").version, 1u);
  EXPECT_EQ(h.info("app").state, State::running);
  EXPECT_EQ(h.logs("app"), std::vector<std::string>{"start"});  // never stopped
}

TEST(AgentLifecycle, EightContainersSideBySide) {
  Harness h(8);
  ASSERT_TRUE(h.begin().ok());
  for (int i = 0; i < 8; ++i) {
    const std::string name = "t" + std::to_string(i);
    ASSERT_TRUE(h.install("ticker", make_manifest(name)).ok()) << name;
    ASSERT_TRUE(h.agent->start(name).ok());
  }
  EXPECT_EQ(h.install("ticker", make_manifest("ninth")).code(), StatusCode::resource_exhausted);
  h.run_until(1000, 10);
  for (int i = 0; i < 8; ++i) {
    const ContainerInfo info = h.info("t" + std::to_string(i));
    EXPECT_EQ(info.stats.activations, 11u);
    EXPECT_EQ(info.stats.missed_loops, 0u);
  }
}

}  // namespace
}  // namespace tc::agent::test
