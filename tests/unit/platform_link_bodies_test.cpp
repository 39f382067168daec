// The platform link's body readers (platform/link/link_bodies) and event times
// (platform/link/event_time), as pure functions: what each item becomes, and what is refused.
#include <gtest/gtest.h>

#include <variant>

#include "http/http_error.hpp"
#include "link/event_time.hpp"
#include "link/link_bodies.hpp"

namespace tc::platform {
namespace {

using http::Json;

TEST(PlatformLinkEventTime, ReadsTheGatewaysRfc3339) {
  EXPECT_EQ(rfc3339_utc_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(rfc3339_utc_ms("2025-11-23T01:39:50.250Z"), 1763861990250);
  EXPECT_EQ(rfc3339_utc_ms("2025-11-23T01:39:50.2Z"), 1763861990200);
  EXPECT_EQ(rfc3339_utc_ms("2025-11-23T01:39:50.123456789Z"), 1763861990123);
  EXPECT_EQ(rfc3339_utc_ms("2024-02-29T23:59:59Z"), 1709251199000);
  for (const char* bad :
       {"", "Z", "2025-11-23T01:39:50", "2025-11-23T01:39:50+01:00", "2025-02-30T00:00:00Z",
        "2025-11-23T24:00:00Z", "2025-11-23 01:39:50Z", "2025-11-23T01:39:50.Z",
        "2025-11-23T01:39:50.12a4Z", "+025-11-23T01:39:50Z", "2025-11-23T01:39:50.1234567890Z"}) {
    EXPECT_FALSE(rfc3339_utc_ms(bad).has_value()) << bad;
  }
}

TEST(PlatformLinkBodies, ItemsBecomeEventsAndUsageRecords) {
  const Json body = Json::parse(R"({"items": [
    {"id": 5, "kind": "event", "data": {"type": "violation", "device": "d1", "time": 1000,
                                        "tenant": "acme", "detail": "x"}},
    {"id": 6, "kind": "event", "data": {"type": "desired_rejected", "time": "not a time"}},
    {"id": 9, "kind": "gap", "data": {"dropped": 20}},
    {"id": 10, "kind": "usage", "data": {"device": "d1", "container": "thermo", "tenant": "acme",
      "from_ms": 0, "to_ms": 2, "activations": 3, "instructions": 4, "cpu_us": 5,
      "endpoint_calls": 6, "bytes_read": 7, "bytes_written": 8, "energy_uj": 9}}]})");
  const LinkItems read = items_body(body, 777);
  EXPECT_EQ(read.last_id, 10);
  ASSERT_EQ(read.items.size(), 4u);
  const auto& violation = std::get<EventItem>(read.items[0]);
  EXPECT_EQ(violation.item_id, 5);
  EXPECT_EQ(violation.type, "violation");
  EXPECT_EQ(violation.device, "d1");
  EXPECT_EQ(violation.tenant, "acme");
  EXPECT_EQ(violation.at_ms, 1000);
  EXPECT_EQ(Json::parse(violation.data)["detail"], "x");
  const auto& rejected = std::get<EventItem>(read.items[1]);
  EXPECT_EQ(rejected.device, "");
  EXPECT_EQ(rejected.at_ms, 777);  // no readable time: when it arrived
  const auto& gap = std::get<EventItem>(read.items[2]);
  EXPECT_EQ(gap.type, "gap");
  EXPECT_EQ(Json::parse(gap.data)["dropped"], 20);
  const auto& usage = std::get<UsageItem>(read.items[3]);
  EXPECT_EQ(usage.container, "thermo");
  EXPECT_EQ(usage.energy_uj, 9);
  EXPECT_EQ(items_body(Json::parse(R"({"items": []})"), 1).last_id, 0);
}

// The field a body is refused for, or "" when it is accepted.
std::string refused_field(const std::string& text, bool state) {
  try {
    const Json body = Json::parse(text);
    if (state) {
      (void)state_body(body);
    } else {
      (void)items_body(body, 1);
    }
  } catch (const http::HttpError& e) {
    EXPECT_EQ(e.status(), 400) << text;
    return e.details().value("field", "?");
  }
  return "";
}

TEST(PlatformLinkBodies, EachRefusalNamesItsField) {
  EXPECT_EQ(refused_field(R"({})", false), "items");
  EXPECT_EQ(refused_field(R"({"items": {}})", false), "items");
  EXPECT_EQ(
      refused_field(R"({"items": [{"id": 0, "kind": "gap", "data": {"dropped": 1}}]})", false),
      "items[0].id");
  EXPECT_EQ(refused_field(R"({"items": [{"id": 1, "kind": "gap", "data": []}]})", false),
            "items[0].data");
  EXPECT_EQ(
      refused_field(R"({"items": [{"id": 1, "kind": "event", "data": {"type": ""}}]})", false),
      "items[0].data.type");
  EXPECT_EQ(
      refused_field(R"({"items": [{"id": 1, "kind": "event", "data": {"type": "x", "time": -5}}]})",
                    false),
      "");  // an unreadable time is the arrival time, not a refusal
  EXPECT_EQ(
      refused_field(
          R"({"items": [{"id": 9223372036854775808, "kind": "gap", "data": {"dropped": 1}}]})",
          false),
      "items[0].id");
  EXPECT_EQ(refused_field(R"({"devices": [{"id": "d1", "online": true}]})", true),
            "devices[0].last_seen_ms");
  EXPECT_EQ(refused_field(R"({"gateway": 1, "devices": []})", true), "gateway");
  EXPECT_EQ(refused_field(R"({"devices": [{"id": "d1", "online": true, "last_seen_ms": 1,
                                           "containers": [1]}]})",
                          true),
            "devices[0].containers[0]");
  EXPECT_EQ(refused_field(R"({"devices": [{"id": "d1", "online": true, "last_seen_ms": 1,
                                           "sync": {}}]})",
                          true),
            "devices[0].sync");
  EXPECT_EQ(refused_field(R"({"devices": [{"id": "d1", "online": true, "last_seen_ms": 1,
                                           "managed": true, "containers": [], "sync": []}]})",
                          true),
            "");
}

}  // namespace
}  // namespace tc::platform
