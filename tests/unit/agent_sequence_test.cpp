// Anti-rollback: the SUIT sequence number of signed deployments moves only forward per container
// name, through updates, failed updates, removal and a restart of the device.
#include <gtest/gtest.h>

#include "agent_fakes.hpp"

namespace tc::agent::test {
namespace {

const uint8_t kCbor[] = {0xa1, 0x01, 0x61, 0x78};

Status install(Harness& h, const std::string& image_name, uint32_t version, uint64_t sequence) {
  return h.agent->install(image(image_name), make_manifest("app", version), kCbor, sequence);
}

Status update(Harness& h, const std::string& image_name, uint32_t version, uint64_t sequence) {
  return h.agent->update("app", image(image_name), make_manifest("app", version), kCbor, sequence);
}

TEST(AgentSequence, OnlyHigherSequenceNumbersInstall) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  EXPECT_EQ(h.agent->accepted_sequence("app"), 0u);
  ASSERT_TRUE(install(h, "ticker", 1, 5).ok());
  EXPECT_EQ(h.agent->accepted_sequence("app"), 5u);
  EXPECT_EQ(h.info("app").sequence, 5u);
  for (uint64_t stale : {1u, 4u, 5u}) {
    const Status st = update(h, "ticker", 2, stale);
    EXPECT_EQ(st.code(), StatusCode::permission_denied) << stale;
    EXPECT_NE(std::string(st.message()).find("rollback"), std::string::npos);
  }
  EXPECT_EQ(h.info("app").version, 1u);  // untouched
  ASSERT_TRUE(update(h, "ticker", 2, 6).ok());
  EXPECT_EQ(h.info("app").sequence, 6u);
  EXPECT_EQ(h.agent->accepted_sequence("app"), 6u);
}

TEST(AgentSequence, TheMarkOutlivesRemoveAndRestart) {
  MemStorage storage;
  {
    Harness h(4, &storage);
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(install(h, "ticker", 1, 7).ok());
    ASSERT_TRUE(h.agent->remove("app").ok());
    EXPECT_EQ(h.agent->accepted_sequence("app"), 7u);
    EXPECT_EQ(install(h, "ticker", 1, 7).code(), StatusCode::permission_denied);
  }
  Harness h(4, &storage);
  ASSERT_TRUE(h.begin().ok());
  EXPECT_EQ(h.agent->accepted_sequence("app"), 7u);
  EXPECT_EQ(install(h, "ticker", 1, 3).code(), StatusCode::permission_denied);
  ASSERT_TRUE(install(h, "ticker", 1, 8).ok());
  // Other names have their own numbers.
  EXPECT_EQ(h.agent->accepted_sequence("other"), 0u);
}

TEST(AgentSequence, TheRecordAloneCarriesTheNumberWhenTheMarkWasCut) {
  MemStorage storage;
  {
    Harness h(4, &storage);
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(install(h, "ticker", 1, 9).ok());
  }
  // A power cut between the record and the mark: the mark is missing.
  ASSERT_EQ(storage.data.erase("q/app"), 1u);
  Harness h(4, &storage);
  ASSERT_TRUE(h.begin().ok());
  EXPECT_EQ(h.info("app").sequence, 9u);
  EXPECT_EQ(h.agent->accepted_sequence("app"), 9u);
  EXPECT_EQ(update(h, "ticker", 2, 9).code(), StatusCode::permission_denied);
}

TEST(AgentSequence, AFailedUpdateKeepsTheOldNumber) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(install(h, "ticker", 1, 2).ok());
  ASSERT_TRUE(h.agent->start("app").ok());
  EXPECT_EQ(update(h, "failing_start", 2, 3).code(), StatusCode::failed_precondition);
  EXPECT_EQ(h.info("app").version, 1u);
  EXPECT_EQ(h.info("app").sequence, 2u);
  EXPECT_EQ(h.agent->accepted_sequence("app"), 2u);
  // The same number may come again with a version that starts.
  ASSERT_TRUE(update(h, "ticker", 3, 3).ok());
  EXPECT_EQ(h.info("app").sequence, 3u);
}

TEST(AgentSequence, UnsignedInstallsNeitherCheckNorMoveTheMark) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  ASSERT_TRUE(install(h, "ticker", 1, 0).ok());
  ASSERT_TRUE(update(h, "ticker", 2, 0).ok());
  EXPECT_EQ(h.agent->accepted_sequence("app"), 0u);
  ASSERT_TRUE(h.agent->remove("app").ok());
  EXPECT_TRUE(h.storage->data.empty());
}

TEST(AgentSequence, RefusalsAreEvents) {
  Harness h;
  ASSERT_TRUE(h.begin().ok());
  h.agent->refused("claimed-name", 7);
  h.agent->refused({}, 8);  // a null view: a refusal before any name was read
  const std::vector<Event> refused = h.events(EventKind::install_refused);
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[0].container.view(), "claimed-name");
  EXPECT_EQ(refused[0].detail, 7);
  EXPECT_EQ(refused[0].slot, 0xff);
  EXPECT_EQ(refused[1].container.view(), "");
  EXPECT_EQ(h.agent->list({}), 0u);
}

}  // namespace
}  // namespace tc::agent::test
