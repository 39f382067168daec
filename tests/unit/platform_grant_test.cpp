// Grants: the JSON the API reads (every error with its path), device selectors, validity, and the
// check of a manifest against a grant, rule by rule, on sdk/examples/radio_mapper.json (the
// radio-mapping tenant of the demo) and variations of it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "grants/grant_check.hpp"
#include "grants/grant_json.hpp"
#include "manifest/manifest_json.hpp"

namespace tc::platform {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

manifest::Manifest radio_mapper(const std::function<void(nlohmann::json&)>& change = {}) {
  nlohmann::json j = nlohmann::json::parse(
      read_file(std::string(TC_SOURCE_DIR) + "/sdk/examples/radio_mapper.json"));
  if (change) change(j);
  const auto parsed = manifest_json::parse_manifest(j.dump());
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].text());
  return parsed.manifest;
}

// What the owner grants the radio-mapping company: exactly what radio_mapper.json asks.
constexpr std::string_view kGrant = R"({
  "tenant": "citymaps",
  "devices": {"labels": {"site": "harbour"}},
  "endpoints": [
    {"target": "radio/scanner", "direction": "read", "calls_per_second": 1,
     "energy_per_window_uj": 200000, "window_ms": 3600000},
    {"target": "sensor/battery", "direction": "read", "calls_per_second": 1},
    {"target": "coap://gateway/citymaps/coverage", "direction": "write", "calls_per_second": 1,
     "bytes_per_window": 8192, "window_ms": 60000}
  ],
  "limits": {"cpu_share_permille": 100, "memory_bytes": 768, "storage_bytes": 256, "containers": 1},
  "valid_from_ms": 1000, "valid_until_ms": 2000000
})";

Grant grant(const std::function<void(nlohmann::json&)>& change = {}) {
  nlohmann::json j = nlohmann::json::parse(kGrant);
  if (change) change(j);
  const GrantParse parsed = parse_grant(j.dump());
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].text());
  return parsed.grant;
}

std::vector<std::string> excesses(const manifest::Manifest& m, const Grant& g,
                                  GrantCheckContext context = {.now_ms = 5000,
                                                               .containers_on_device = 0}) {
  std::vector<std::string> out;
  for (const auto& e : check_against_grant(m, g, context))
    out.push_back(e.text());
  return out;
}

using Strings = std::vector<std::string>;

TEST(GrantCheck, TheManifestTheGrantWasWrittenForPasses) {
  EXPECT_EQ(excesses(radio_mapper(), grant()), Strings{});
}

TEST(GrantCheck, AnEndpointOutsideTheGrantIsNamed) {
  const auto g = grant([](auto& j) { j["endpoints"].erase(1); });
  EXPECT_EQ(excesses(radio_mapper(), g),
            Strings{"$.endpoints[1].target: sensor/battery is not in the grant"});
}

TEST(GrantCheck, ADirectionTheGrantDoesNotCoverIsNamed) {
  const auto g = grant([](auto& j) { j["endpoints"][0]["direction"] = "write"; });
  EXPECT_EQ(excesses(radio_mapper(), g),
            Strings{"$.endpoints[0].direction: read is not covered by the grant's write"});
  const auto both = grant([](auto& j) { j["endpoints"][0]["direction"] = "read_write"; });
  EXPECT_EQ(excesses(radio_mapper(), both), Strings{});
}

TEST(GrantCheck, RatesAboveOrUnlimitedUnderAMaximumAreExcesses) {
  const auto faster =
      radio_mapper([](auto& j) { j["endpoints"][1]["limits"]["calls_per_second"] = 5; });
  EXPECT_EQ(
      excesses(faster, grant()),
      Strings{
          "$.endpoints[1].limits.calls_per_second: 5 per second exceeds the grant's 1 per second"});
  const auto unlimited =
      radio_mapper([](auto& j) { j["endpoints"][1]["limits"].erase("calls_per_second"); });
  EXPECT_EQ(
      excesses(unlimited, grant()),
      Strings{
          "$.endpoints[1].limits.calls_per_second: unlimited exceeds the grant's 1 per second"});
}

TEST(GrantCheck, BudgetsCompareAsRatesOverWindowsNoLongerThanTheGrants) {
  // Half the bytes in half the window: the same rate, a shorter window: fine.
  const auto same_rate = radio_mapper([](auto& j) {
    j["endpoints"][2]["limits"]["bytes_per_window"] = 4096;
    j["endpoints"][2]["limits"]["window_ms"] = 30000;
  });
  EXPECT_EQ(excesses(same_rate, grant()), Strings{});
  // One byte more per the same window: over.
  const auto more =
      radio_mapper([](auto& j) { j["endpoints"][2]["limits"]["bytes_per_window"] = 8193; });
  EXPECT_EQ(excesses(more, grant()),
            Strings{"$.endpoints[2].limits.bytes_per_window: 8193 bytes per 60000 ms exceeds the "
                    "grant's 8192 bytes per 60000 ms"});
  // The same rate over a longer window allows a larger burst: refused.
  const auto longer = radio_mapper([](auto& j) {
    j["endpoints"][2]["limits"]["bytes_per_window"] = 16384;
    j["endpoints"][2]["limits"]["window_ms"] = 120000;
  });
  EXPECT_EQ(
      excesses(longer, grant()),
      Strings{"$.endpoints[2].limits.window_ms: 120000 ms is longer than the grant's 60000 ms"});
  const auto energy =
      radio_mapper([](auto& j) { j["endpoints"][0]["limits"].erase("energy_per_window_uj"); });
  EXPECT_EQ(excesses(energy, grant()),
            Strings{"$.endpoints[0].limits.energy_per_window_uj: unlimited exceeds the grant's "
                    "200000 uJ per 3600000 ms"});
}

TEST(GrantCheck, WritesToABoundedEndpointNeedBoundsInside) {
  const auto bounded = grant([](auto& j) {
    j["endpoints"][2]["bounds"] = {{"min", 0}, {"max", 10}};
  });
  EXPECT_EQ(
      excesses(radio_mapper(), bounded),
      Strings{
          "$.endpoints[2].limits: no value bounds; writes must stay within the grant's [0, 10]"});
}

TEST(GrantCheck, CpuMemoryStorageAndContainerCountAreChecked) {
  const auto hungry = radio_mapper([](auto& j) {
    j["timing"]["cpu_share_permille"] = 200;
    j["memory"]["stack_bytes"] = 1024;
    j["memory"]["storage_bytes"] = 512;
  });
  EXPECT_EQ(excesses(hungry, grant()),
            (Strings{"$.timing.cpu_share_permille: 200 permille exceeds the grant's 100 permille",
                     "$.memory: stack 1024 + data 256 = 1280 bytes exceeds the grant's 768 bytes",
                     "$.memory.storage_bytes: 512 bytes exceeds the grant's 256 bytes"}));
  EXPECT_EQ(excesses(radio_mapper(), grant(), {.now_ms = 5000, .containers_on_device = 1}),
            Strings{"$: this would be the tenant's container number 2 on the device; the grant "
                    "allows 1"});
}

TEST(GrantCheck, TheTenantAndTheValidityAreChecked) {
  const auto other = grant([](auto& j) { j["tenant"] = "acme"; });
  EXPECT_EQ(excesses(radio_mapper(), other),
            Strings{"$.tenant: citymaps is not the grant's tenant acme"});
  EXPECT_EQ(excesses(radio_mapper(), grant(), {.now_ms = 999, .containers_on_device = 0}),
            Strings{"$: the grant is valid from 1000"});
  EXPECT_EQ(excesses(radio_mapper(), grant(), {.now_ms = 2000000, .containers_on_device = 0}),
            Strings{"$: the grant ended at 2000000"});
  Grant revoked = grant();
  revoked.revoked_ms = 4000;
  EXPECT_EQ(excesses(radio_mapper(), revoked), Strings{"$: the grant was revoked at 4000"});
  EXPECT_FALSE(revoked.active_at(5000));
  EXPECT_TRUE(grant().active_at(1000));
  EXPECT_FALSE(grant().active_at(2000000));
}

TEST(GrantCheck, EveryExcessIsReportedAtOnce) {
  const auto m = radio_mapper([](auto& j) {
    j["endpoints"][1]["limits"]["calls_per_second"] = 9;
    j["timing"]["cpu_share_permille"] = 900;
  });
  EXPECT_EQ(excesses(m, grant([](auto& j) { j["tenant"] = "acme"; })).size(), 3u);
}

TEST(DeviceSelector, IdsOrAllLabels) {
  DeviceSelector s{.ids = {"box-1"}, .labels = {{"site", "harbour"}, {"model", "sdb"}}};
  EXPECT_TRUE(s.matches("box-1", {}));
  EXPECT_TRUE(s.matches("box-9", {{"site", "harbour"}, {"model", "sdb"}, {"x", "y"}}));
  EXPECT_FALSE(s.matches("box-9", {{"site", "harbour"}}));
  EXPECT_FALSE(s.matches("box-9", {{"site", "harbour"}, {"model", "other"}}));
  const DeviceSelector only_a{.ids = {"a"}, .labels = {}};
  EXPECT_FALSE(only_a.matches("b", {{"site", "x"}}));
}

Strings parse_errors(std::string_view text) {
  Strings out;
  for (const auto& e : parse_grant(text).errors)
    out.push_back(e.text());
  return out;
}

TEST(GrantJson, ErrorsNameTheirField) {
  EXPECT_EQ(parse_errors(
                R"({"tenant": "acme", "devices": {"ids": ["a"]}, "endpoints": [], "limitz": {}})"),
            Strings{"$.limitz: unknown field (did you mean limits?)"});
  EXPECT_EQ(parse_errors(R"({"devices": {"ids": ["a"]}, "endpoints": []})"),
            Strings{"$.tenant: missing required field"});
  EXPECT_EQ(parse_errors(R"({"tenant": "Acme", "devices": {"ids": ["a"]}, "endpoints": []})"),
            Strings{"$.tenant: tenant may contain only a-z, 0-9 and '-'"});
  EXPECT_EQ(parse_errors(R"({"tenant": "acme", "devices": {}, "endpoints": []})"),
            Strings{"$.devices: select devices by ids, labels or both"});
  EXPECT_EQ(parse_errors(R"({"tenant": "acme", "devices": {"ids": [7]}, "endpoints": []})"),
            Strings{"$.devices.ids[0]: expected a device id (1 to 200 characters)"});
  EXPECT_EQ(parse_errors(R"({"tenant": "acme", "devices": {"ids": ["a"]},
      "endpoints": [{"target": "x/y", "direction": "sideways", "window_ms": 0,
                     "bounds": {"min": 5, "max": 1}}],
      "limits": {"cpu_share_permille": 1001}, "valid_from_ms": 10, "valid_until_ms": 10})"),
            (Strings{"$.endpoints[0].direction: expected one of read, write, read_write",
                     "$.endpoints[0].window_ms: must be at least 1",
                     "$.endpoints[0].bounds: min is above max",
                     "$.limits.cpu_share_permille: must be at most 1000",
                     "$.valid_until_ms: must be after valid_from_ms"}));
  const Strings syntax = parse_errors("{");
  ASSERT_EQ(syntax.size(), 1u);
  EXPECT_EQ(syntax[0].rfind("$: parse error at line 1, column 2", 0), 0u) << syntax[0];
}

TEST(GrantJson, RoundTripsThroughItsJson) {
  const Grant g = grant([](auto& j) { j["endpoints"][2]["bounds"] = {{"min", -3}, {"max", 10}}; });
  const GrantParse again = parse_grant(grant_to_json(g).dump());
  ASSERT_TRUE(again.ok()) << again.errors[0].text();
  EXPECT_EQ(grant_to_json(again.grant), grant_to_json(g));
}

}  // namespace
}  // namespace tc::platform
