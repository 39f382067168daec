// Remote endpoints (a manifest target "coap://HOST/path") in the agent: the endpoint check before
// the payload reaches the uplink port, driven through the probe container (tests/data/agent).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "agent_fakes.hpp"

namespace tc::agent::test {
namespace {

using manifest::Direction;
using manifest::TargetKind;

constexpr uint64_t kBadAddress = uint64_t{6} << 32;  // slot 6: never mapped

class FakeUplink final : public Uplink {
 public:
  struct Post {
    std::string uri;
    std::string container;
    std::vector<uint8_t> payload;
  };
  bool reaches(std::string_view uri) const override {
    return uri.find("example.com") == std::string_view::npos;
  }
  Status post(std::string_view uri, std::string_view container,
              std::span<const uint8_t> payload) override {
    if (full) return {StatusCode::resource_exhausted, "queue full"};
    if (broken) return {StatusCode::internal, "no socket"};
    posts.push_back({std::string(uri), std::string(container), {payload.begin(), payload.end()}});
    return Status::Ok();
  }
  bool full = false;
  bool broken = false;
  std::vector<Post> posts;
};

manifest::Manifest remote_manifest() {
  manifest::Manifest m = make_manifest("probe");
  m.timing.loop_period_ms = 0;
  // The probe also calls the key-value and channel helpers: its manifest must grant them.
  m.memory.storage_bytes = 64;
  add_endpoint(m, 6, "channel/alerts", Direction::write, TargetKind::channel);
  manifest::Endpoint& coverage =
      add_endpoint(m, 1, "coap://gateway/citymaps/coverage", Direction::write, TargetKind::remote);
  coverage.limits.calls_per_second = 2;
  coverage.limits.bytes_per_window = 20;
  coverage.limits.window_ms = 1000;
  add_endpoint(m, 2, "coap://example.com/x", Direction::write, TargetKind::remote);
  add_endpoint(m, 3, "coap://gateway/in", Direction::read, TargetKind::remote);
  add_endpoint(m, 4, "coap://192.0.2.9/raw", Direction::read_write, TargetKind::remote);
  add_export(m, "probe");
  return m;
}

class AgentRemote : public ::testing::Test {
 protected:
  void start(Uplink* with) {
    h.config.uplink = with;
    h.agent = std::make_unique<Agent>(
        Ports{h.clock, h.watchdog, *h.storage, h.resources, h.entropy}, h.config);
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(h.install("probe", remote_manifest()).ok());
    ASSERT_TRUE(h.agent->start("probe").ok());
  }

  // One operation of the probe container (tests/data/agent/probe.c): its helper's result.
  int64_t op(uint32_t code, uint32_t a, uint64_t b = 0, uint64_t c = 0) {
    uint8_t payload[24];
    std::memcpy(payload, &code, 4);
    std::memcpy(payload + 4, &a, 4);
    std::memcpy(payload + 8, &b, 8);
    std::memcpy(payload + 16, &c, 8);
    EXPECT_TRUE(h.agent->request("probe", 0, TC_COAP_POST, payload, ++token).ok());
    h.agent->poll(h.clock.ms);
    int64_t result = INT64_MIN;
    if (!h.responses.all.empty() && h.responses.all.back().payload.size() == 8)
      std::memcpy(&result, h.responses.all.back().payload.data(), 8);
    return result;
  }
  int64_t open(uint32_t id) { return op(1, id); }
  int64_t read(int64_t handle) { return op(2, static_cast<uint32_t>(handle), 0, 8); }
  int64_t write(int64_t handle, uint64_t value, uint64_t len = 8) {
    return op(3, static_cast<uint32_t>(handle), value, len);
  }
  int64_t write_at(int64_t handle, uint64_t address, uint64_t len) {
    return op(4, static_cast<uint32_t>(handle), address, len);
  }
  uint32_t denials(int code) { return h.info("probe").stats.denials[-code]; }

  Harness h;
  FakeUplink uplink;
  uint32_t token = 0;
};

TEST_F(AgentRemote, WithoutAnUplinkRemoteEndpointsAreNotSupported) {
  start(nullptr);
  EXPECT_EQ(open(1), TC_ENOTSUP);
  EXPECT_EQ(denials(TC_ENOTSUP), 1u);
}

TEST_F(AgentRemote, AWriteIsHandedToTheUplinkAndCounted) {
  start(&uplink);
  const int64_t coverage = open(1);
  ASSERT_EQ(coverage, 1);  // the handle is the endpoint's position in the manifest
  EXPECT_EQ(write(coverage, 0x0807060504030201u), 8);
  ASSERT_EQ(uplink.posts.size(), 1u);
  EXPECT_EQ(uplink.posts[0].uri, "coap://gateway/citymaps/coverage");
  EXPECT_EQ(uplink.posts[0].container, "probe");
  EXPECT_EQ(uplink.posts[0].payload, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  const ContainerInfo info = h.info("probe");
  EXPECT_EQ(info.stats.bytes_written, 8u);
  EXPECT_EQ(info.stats.endpoint_calls, 1u);
  EXPECT_EQ(info.stats.total_denials(), 0u);
}

TEST_F(AgentRemote, AHostTheUplinkDoesNotReachIsNotSupported) {
  start(&uplink);
  EXPECT_EQ(open(2), TC_ENOTSUP);
}

TEST_F(AgentRemote, ReadsStayNotSupportedAndDirectionIsChecked) {
  start(&uplink);
  const int64_t raw = open(4);  // read_write
  ASSERT_GE(raw, 0);
  EXPECT_EQ(read(raw), TC_ENOTSUP);
  EXPECT_EQ(write(raw, 7, 1), 1);
  const int64_t in = open(3);  // read only
  ASSERT_GE(in, 0);
  EXPECT_EQ(write(in, 7, 1), TC_EDIRECTION);
  EXPECT_EQ(uplink.posts.size(), 1u);
}

TEST_F(AgentRemote, ChecksComeBeforeTheUplinkInOrder) {
  start(&uplink);
  const int64_t coverage = open(1);  // 2 calls per second, 20 bytes per second
  EXPECT_EQ(write_at(coverage, kBadAddress, 300), TC_ETOOBIG);  // above context_bytes (256)
  EXPECT_EQ(write(coverage, 1), 8);
  EXPECT_EQ(write(coverage, 2), 8);
  EXPECT_EQ(write(coverage, 3), TC_ERATE);
  h.clock.ms += 500;  // one call back, but only 4 bytes
  EXPECT_EQ(write(coverage, 4), TC_EBYTES);
  EXPECT_EQ(write(coverage, 4, 4), 4);
  h.clock.ms += 1000;
  EXPECT_EQ(write_at(coverage, kBadAddress, 8), TC_EFAULT);
  EXPECT_EQ(uplink.posts.size(), 3u);
  EXPECT_EQ(denials(TC_ETOOBIG), 1u);
  EXPECT_EQ(denials(TC_ERATE), 1u);
  EXPECT_EQ(denials(TC_EBYTES), 1u);
  EXPECT_EQ(denials(TC_EFAULT), 1u);
  EXPECT_EQ(h.info("probe").stats.bytes_written, 20u);
}

TEST_F(AgentRemote, AFullQueueIsAgainAndAFailingPortIsIo) {
  start(&uplink);
  const int64_t raw = open(4);
  uplink.full = true;
  EXPECT_EQ(write(raw, 1), TC_EAGAIN);
  EXPECT_EQ(denials(TC_EAGAIN), 1u);
  uplink.full = false;
  uplink.broken = true;
  EXPECT_EQ(write(raw, 1), TC_EIO);
  EXPECT_EQ(h.info("probe").stats.bytes_written, 0u);
  EXPECT_TRUE(uplink.posts.empty());
}

}  // namespace
}  // namespace tc::agent::test
