// The resource directory's table (RFC 9176 registration semantics, expiry, device matching),
// without libcoap: time is an argument.
#include <gtest/gtest.h>

#include "coap/resource_directory.hpp"

namespace tc::gw {
namespace {

using std::chrono::seconds;
using Clock = ResourceDirectory::Clock;

const IpEndpoint kSource{"127.0.0.1", 40001, false};

RegistrationQuery registration(std::string ep, std::optional<uint32_t> lt = std::nullopt,
                               std::optional<IpEndpoint> base = std::nullopt) {
  return {std::move(ep), "", lt, std::move(base)};
}

class DirectoryTest : public ::testing::Test {
 protected:
  ResourceDirectory rd{
      RdLimits{.min_lifetime = seconds(1), .max_lifetime = seconds(3600), .max_registrations = 3}};
  Clock::time_point t0 = Clock::now();
};

TEST_F(DirectoryTest, RegistersWithTheSourceAsBase) {
  const RdAnswer a = rd.register_endpoint(registration("box-1", 60), "</dev>", kSource, t0);
  EXPECT_EQ(a.code, 0x41);
  EXPECT_EQ(a.change, RdChange::registered);
  EXPECT_EQ(a.registration.location, "/rd/1");
  EXPECT_EQ(a.registration.base, "coap://127.0.0.1:40001");
  EXPECT_EQ(a.registration.lifetime, seconds(60));
  EXPECT_EQ(a.registration.links, "</dev>");
  ASSERT_EQ(rd.registrations().size(), 1u);
}

TEST_F(DirectoryTest, ClampsTheLifetime) {
  EXPECT_EQ(rd.register_endpoint(registration("a"), "", kSource, t0).registration.lifetime,
            seconds(3600));  // default 90000 s, clamped
  EXPECT_EQ(rd.register_endpoint(registration("b", 99999), "", kSource, t0).registration.lifetime,
            seconds(3600));
  EXPECT_EQ(rd.register_endpoint(registration("c", 1), "", kSource, t0).registration.lifetime,
            seconds(1));
}

TEST_F(DirectoryTest, ReRegistrationReplacesAndKeepsTheLocation) {
  rd.register_endpoint(registration("box-1", 60), "</a>", kSource, t0);
  rd.register_endpoint(registration("box-2", 60), "", kSource, t0);
  const IpEndpoint moved{"10.0.0.7", 5683, false};
  const RdAnswer again = rd.register_endpoint(registration("box-1", 30), "</b>", moved, t0);
  EXPECT_EQ(again.code, 0x41);
  EXPECT_EQ(again.change, RdChange::registered);
  EXPECT_EQ(again.registration.location, "/rd/1");
  EXPECT_EQ(again.registration.links, "</b>");
  EXPECT_EQ(again.registration.base, "coap://10.0.0.7:5683");
  EXPECT_EQ(rd.size(), 2u);
}

TEST_F(DirectoryTest, UpdateRefreshesOrMovesTheBase) {
  const IpEndpoint base{"127.0.0.1", 5701, false};
  rd.register_endpoint(registration("box-1", 10, base), "", kSource, t0);
  const IpEndpoint other_source{"127.0.0.1", 40999, false};
  const RdAnswer refresh = rd.update("1", {}, other_source, t0 + seconds(5));
  EXPECT_EQ(refresh.code, 0x44);
  EXPECT_EQ(refresh.change, RdChange::refreshed);  // an explicit base stays
  EXPECT_EQ(refresh.registration.base, "coap://127.0.0.1:5701");

  const RdAnswer moved = rd.update("1", {std::nullopt, IpEndpoint{"127.0.0.1", 5702, false}},
                                   other_source, t0 + seconds(6));
  EXPECT_EQ(moved.change, RdChange::registered);
  EXPECT_EQ(moved.registration.base, "coap://127.0.0.1:5702");

  const RdAnswer longer = rd.update("1", {20, std::nullopt}, other_source, t0 + seconds(7));
  EXPECT_EQ(longer.registration.lifetime, seconds(20));
  EXPECT_TRUE(rd.expire(t0 + seconds(26)).empty());
  EXPECT_EQ(rd.expire(t0 + seconds(27)), std::vector<std::string>{"box-1"});
}

TEST_F(DirectoryTest, AnImplicitBaseFollowsTheDevice) {
  rd.register_endpoint(registration("box-1", 10), "", kSource, t0);
  const IpEndpoint next{"127.0.0.1", 40002, false};
  const RdAnswer a = rd.update("1", {}, next, t0);
  EXPECT_EQ(a.change, RdChange::registered);
  EXPECT_EQ(a.registration.base, "coap://127.0.0.1:40002");
  EXPECT_EQ(rd.update("1", {}, next, t0).change, RdChange::refreshed);
}

TEST_F(DirectoryTest, UnknownLocationsAreNotFound) {
  rd.register_endpoint(registration("box-1", 10), "", kSource, t0);
  for (const std::string_view id : {"2", "01", "", "x", "1a", "99999999999999999999"}) {
    EXPECT_EQ(rd.update(id, {}, kSource, t0).code, 0x84) << id;
    EXPECT_EQ(rd.remove(id).code, 0x84) << id;
  }
}

TEST_F(DirectoryTest, RemovesAndExpires) {
  rd.register_endpoint(registration("a", 5), "", kSource, t0);
  rd.register_endpoint(registration("b", 10), "", kSource, t0);
  const RdAnswer removed = rd.remove("1");
  EXPECT_EQ(removed.code, 0x42);
  EXPECT_EQ(removed.change, RdChange::removed);
  EXPECT_EQ(removed.registration.endpoint, "a");
  EXPECT_TRUE(rd.expire(t0 + seconds(9)).empty());
  EXPECT_EQ(rd.expire(t0 + seconds(10)), std::vector<std::string>{"b"});
  EXPECT_EQ(rd.size(), 0u);
  // A new registration after removal gets a new location.
  EXPECT_EQ(rd.register_endpoint(registration("a", 5), "", kSource, t0).registration.location,
            "/rd/3");
}

TEST_F(DirectoryTest, RefusesWhenFull) {
  for (const char* ep : {"a", "b", "c"})
    rd.register_endpoint(registration(ep), "", kSource, t0);
  const RdAnswer full = rd.register_endpoint(registration("d"), "", kSource, t0);
  EXPECT_EQ(full.code, 0xa3);
  EXPECT_EQ(full.change, RdChange::none);
  EXPECT_NE(full.diagnostic.find("full"), std::string::npos);
  // Re-registering a known endpoint still works.
  EXPECT_EQ(rd.register_endpoint(registration("a"), "", kSource, t0).code, 0x41);
}

TEST_F(DirectoryTest, MatchesDevicesByBaseThenSourceThenHost) {
  const IpEndpoint base_a{"127.0.0.1", 5701, false};
  const IpEndpoint base_b{"127.0.0.1", 5702, false};
  const IpEndpoint base_c{"10.1.1.1", 5683, false};
  rd.register_endpoint(registration("a", 60, base_a), "", {"127.0.0.1", 40001, false}, t0);
  rd.register_endpoint(registration("b", 60, base_b), "", {"127.0.0.1", 40002, false}, t0);
  rd.register_endpoint(registration("c", 60, base_c), "", {"10.1.1.1", 40003, false}, t0);
  EXPECT_EQ(rd.endpoint_at(base_b), "b");
  EXPECT_EQ(rd.endpoint_at({"127.0.0.1", 40001, false}), "a");  // the registration's source
  EXPECT_EQ(rd.endpoint_at({"127.0.0.1", 1234, false}), "");    // two devices on that host
  EXPECT_EQ(rd.endpoint_at({"10.1.1.1", 1234, false}), "c");    // the only one on that host
  EXPECT_EQ(rd.endpoint_at({"10.9.9.9", 5683, false}), "");
}

TEST_F(DirectoryTest, LooksUpEndpoints) {
  rd.register_endpoint({"a", "s1", 60, IpEndpoint{"127.0.0.1", 5701, false}}, "", kSource, t0);
  rd.register_endpoint(registration("b", 30), "", kSource, t0);
  EXPECT_EQ(rd.lookup_endpoints("", ""),
            R"(</rd/1>;ep="a";d="s1";base="coap://127.0.0.1:5701";lt=60;rt=core.rd-ep,)"
            R"(</rd/2>;ep="b";base="coap://127.0.0.1:40001";lt=30;rt=core.rd-ep)");
  EXPECT_EQ(rd.lookup_endpoints("b", ""),
            R"(</rd/2>;ep="b";base="coap://127.0.0.1:40001";lt=30;rt=core.rd-ep)");
  EXPECT_EQ(rd.lookup_endpoints("", "s2"), "");
}

}  // namespace
}  // namespace tc::gw
