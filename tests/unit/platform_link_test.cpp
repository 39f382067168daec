// The platform link's server side (docs/api/platform-link.md) and the read APIs on what it
// stores (devices, events, usage), end to end on a real PlatformServer against every store:
// who may call what (role x route), the desired document with its ETag and 304, envelopes served
// only when named, the state push (devices created, updated, gone offline; a device another
// gateway holds refused, not stolen), events stored once however often they arrive, and bad
// bodies answered 400/413 with nothing stored.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/caller.hpp"
#include "api/platform_server.hpp"
#include "fleet/device_store.hpp"
#include "fleet/gateway_registry.hpp"
#include "http/json.hpp"
#include "identity/bootstrap.hpp"
#include "platform_sql_support.hpp"
#include "sql/migrations.hpp"
#include "store/schema.hpp"

namespace tc::platform {
namespace {

using http::Json;
using test::Backend;
using test::TestStore;

const std::string kDigestA(64, 'a');
const std::string kDigestB(64, 'b');

struct Reply {
  int status = 0;
  Json body;
  std::string etag;
  std::string raw;
  std::string content_type;
};

class PlatformLinkTest : public ::testing::TestWithParam<Backend> {
 protected:
  PlatformLinkTest() {
    (void)sql::migrate(store_.db(), schema_steps());
    tokens_["operator"] = bootstrap_admin(store_.db(), now_ms()).value().secret;
    sql::transact(store_.db(), [this](sql::Connection& c) {
      (void)create_tenant(c, "acme", "", 1);
      (void)create_tenant(c, "other-co", "", 1);
      (void)create_user(c, "acme", "olga", Role::owner, 1);
      (void)create_user(c, "acme", "tom", Role::tenant, 1);
      (void)create_user(c, "other-co", "otto", Role::owner, 1);
      tokens_["owner"] = issue_token(c, "olga", "t", 1).secret;
      tokens_["tenant"] = issue_token(c, "tom", "t", 1).secret;
      tokens_["other-owner"] = issue_token(c, "otto", "t", 1).secret;
      tokens_["gateway"] = enroll_gateway(c, "edge", "acme", 1).token;
      tokens_["far"] = enroll_gateway(c, "far", "other-co", 1).token;
    });
    EXPECT_EQ(server_.start(), "");
  }
  ~PlatformLinkTest() override { server_.stop(); }

  Reply call(const std::string& role, const std::string& method, const std::string& path,
             const std::string& body = "", const httplib::Headers& headers = {}) const {
    httplib::Client client("127.0.0.1", server_.port());
    client.set_read_timeout(30, 0);
    if (const auto it = tokens_.find(role); it != tokens_.end()) {
      client.set_bearer_token_auth(it->second);
    }
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = headers;
    if (!body.empty()) {
      req.body = body;
      req.set_header("Content-Type", "application/json");
    }
    const auto r = client.send(req);
    EXPECT_TRUE(r) << method << " " << path;
    if (!r) return {};
    return {r->status, Json::parse(r->body, nullptr, false), r->get_header_value("ETag"), r->body,
            r->get_header_value("Content-Type")};
  }
  // Vectors, not Json: a braced list of one Json is that Json itself, not an array of it.
  Reply push_state(const std::string& role, const std::vector<Json>& devices) const {
    return call(role, "PUT", "/api/v1/gateway/state",
                Json{{"gateway", {{"version", "t"}, {"time_ms", 1}}}, {"devices", devices}}.dump());
  }
  Reply push_items(const std::string& role, const std::vector<Json>& items) const {
    return call(role, "POST", "/api/v1/gateway/events", Json{{"items", items}}.dump());
  }
  static Json device(const std::string& id, bool online = true) {
    return {{"id", id},
            {"online", online},
            {"address", "coap://192.0.2.7:5683"},
            {"last_seen_ms", 1763861990000},
            {"managed", false},
            {"containers", Json::array({{{"name", "thermo"}, {"state", "running"}}})}};
  }
  // An envelope and a desired row naming it on device `name` (what a deployment will write).
  void desire(const std::string& name, const std::string& container, const std::string& digest,
              int64_t sequence, const std::string& state) {
    sql::transact(store_.db(), [&](sql::Connection& c) {
      c.exec(
          "INSERT INTO envelopes (sha256, bytes, created_ms) VALUES (?, ?, 1) "
          "ON CONFLICT (sha256) DO NOTHING",
          {digest, sql::Bytes{{0xd8, 0x6b, 0x00, 0x01, 0x02}}});
      c.exec(
          "DELETE FROM desired WHERE container = ? AND device_id = "
          "(SELECT id FROM devices WHERE name = ?)",
          {container, name});
      c.exec(
          "INSERT INTO desired (device_id, container, sequence, envelope_sha256, run_state) "
          "SELECT id, ?, ?, ?, ? FROM devices WHERE name = ?",
          {container, sequence, digest, state, name});
    });
  }
  int64_t count(const std::string& table) {
    return sql::transact(store_.db(), [&](sql::Connection& c) {
      return c.exec("SELECT count(*) FROM " + table).scalar().value_or(-1);
    });
  }

  TestStore store_{GetParam()};
  std::map<std::string, std::string> tokens_;
  PlatformServer server_{
      store_.db(),
      PlatformServerOptions{.host = "127.0.0.1", .port = 0, .threads = 8, .max_body = 1 << 20}};
};

struct Cell {
  std::string method;
  std::string path;
  std::string body;
  std::map<std::string, int> expected;
};

TEST_P(PlatformLinkTest, EachRoleMayCallWhatTheTableSays) {
  const std::string state = R"({"devices":[]})";
  const std::string items = R"({"items":[]})";
  // A gateway's token only on /gateway/*, a user's never there; devices not for a tenant role.
  const std::vector<Cell> table = {
      {"GET",
       "/api/v1/gateway/desired",
       "",
       {{"anonymous", 401}, {"operator", 403}, {"owner", 403}, {"tenant", 403}, {"gateway", 200}}},
      {"GET",
       "/api/v1/gateway/envelopes/" + kDigestA,
       "",
       {{"anonymous", 401}, {"operator", 403}, {"owner", 403}, {"tenant", 403}, {"gateway", 404}}},
      {"PUT",
       "/api/v1/gateway/state",
       state,
       {{"anonymous", 401}, {"operator", 403}, {"owner", 403}, {"tenant", 403}, {"gateway", 204}}},
      {"POST",
       "/api/v1/gateway/events",
       items,
       {{"anonymous", 401}, {"operator", 403}, {"owner", 403}, {"tenant", 403}, {"gateway", 200}}},
      {"GET",
       "/api/v1/devices",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 200}, {"tenant", 403}, {"gateway", 403}}},
      {"GET",
       "/api/v1/devices/d1",
       "",
       {{"anonymous", 401}, {"operator", 404}, {"owner", 404}, {"tenant", 403}, {"gateway", 403}}},
      {"GET",
       "/api/v1/events",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 200}, {"tenant", 200}, {"gateway", 403}}},
      {"GET",
       "/api/v1/usage",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 200}, {"tenant", 200}, {"gateway", 403}}},
  };
  for (const Cell& cell : table) {
    for (const auto& [role, status] : cell.expected) {
      EXPECT_EQ(call(role, cell.method, cell.path, cell.body).status, status)
          << role << " " << cell.method << " " << cell.path;
    }
  }
}

TEST_P(PlatformLinkTest, TheDesiredDocumentListsManagedDevicesWithARevision) {
  ASSERT_EQ(push_state("gateway", {device("d1"), device("d2")}).status, 204);
  ASSERT_EQ(push_state("far", {device("d9")}).status, 204);
  // Devices the platform never deployed to are not listed (their gateway leaves them alone).
  const Reply empty = call("gateway", "GET", "/api/v1/gateway/desired");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body["devices"], Json::object());
  const std::string empty_revision = empty.body["revision"];
  EXPECT_EQ(empty.etag, "\"" + empty_revision + "\"");

  desire("d1", "thermo", kDigestA, 7, "running");
  desire("d9", "other", kDigestB, 1, "running");
  const Reply one = call("gateway", "GET", "/api/v1/gateway/desired");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body["devices"],
            Json::parse(R"({"d1":{"containers":[{"name":"thermo","sequence":7,"digest":")" +
                        kDigestA + R"(","size":5,"state":"running"}]}})"));
  const std::string revision = one.body["revision"];
  EXPECT_NE(revision, empty_revision);
  EXPECT_EQ(one.etag, "\"" + revision + "\"");
  EXPECT_EQ(call("gateway", "GET", "/api/v1/gateway/desired", "",
                 {{"If-None-Match", "\"" + revision + "\""}})
                .status,
            304);
  EXPECT_EQ(call("gateway", "GET", "/api/v1/gateway/desired", "",
                 {{"If-None-Match", "\"" + empty_revision + "\""}})
                .status,
            200);

  // Any change of a desired row changes the revision.
  desire("d1", "thermo", kDigestA, 7, "stopped");
  const Reply stopped = call("gateway", "GET", "/api/v1/gateway/desired", "",
                             {{"If-None-Match", "\"" + revision + "\""}});
  ASSERT_EQ(stopped.status, 200);
  EXPECT_EQ(stopped.body["devices"]["d1"]["containers"][0]["state"], "stopped");
  EXPECT_NE(stopped.body["revision"], revision);

  // A device marked managed without containers is listed with an empty list.
  sql::transact(store_.db(),
                [](sql::Connection& c) { EXPECT_TRUE(set_device_managed(c, "d2", true)); });
  const Reply managed = call("gateway", "GET", "/api/v1/gateway/desired");
  EXPECT_EQ(managed.body["devices"]["d2"], Json::parse(R"({"containers":[]})"));
  EXPECT_NE(managed.body["revision"], stopped.body["revision"]);
  EXPECT_EQ(call("operator", "GET", "/api/v1/devices/d2").body["managed"], true);
}

TEST_P(PlatformLinkTest, AnEnvelopeIsServedOnlyWhenTheGatewaysDesiredStateNamesIt) {
  ASSERT_EQ(push_state("gateway", {device("d1")}).status, 204);
  ASSERT_EQ(push_state("far", {device("d9")}).status, 204);
  desire("d1", "thermo", kDigestA, 1, "running");
  desire("d9", "other", kDigestB, 1, "running");
  const Reply mine = call("gateway", "GET", "/api/v1/gateway/envelopes/" + kDigestA);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.raw, std::string("\xd8\x6b\x00\x01\x02", 5));
  EXPECT_EQ(mine.content_type, "application/suit-envelope+cose");
  // It exists, but for another gateway's device: as if it did not.
  const Reply theirs = call("gateway", "GET", "/api/v1/gateway/envelopes/" + kDigestB);
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(theirs.body["error"]["code"], "envelope_not_found");
  EXPECT_EQ(call("far", "GET", "/api/v1/gateway/envelopes/" + kDigestB).status, 200);
  for (const std::string& bad : {std::string("abc"), std::string(64, 'A'),
                                 std::string(63, 'a') + "g", std::string(65, 'a')}) {
    const Reply r = call("gateway", "GET", "/api/v1/gateway/envelopes/" + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.body["error"]["code"], "bad_digest") << bad;
  }
}

TEST_P(PlatformLinkTest, TheStatePushCreatesAndUpdatesDevicesAndIsTheHeartbeat) {
  ASSERT_EQ(push_state("gateway", {device("d1"), device("d2")}).status, 204);
  const Reply d1 = call("operator", "GET", "/api/v1/devices/d1");
  ASSERT_EQ(d1.status, 200);
  EXPECT_EQ(d1.body["gateway"], "edge");
  EXPECT_EQ(d1.body["owner"], "acme");
  EXPECT_EQ(d1.body["online"], true);
  EXPECT_EQ(d1.body["address"], "coap://192.0.2.7:5683");
  EXPECT_EQ(d1.body["last_seen_ms"], 1763861990000);
  EXPECT_EQ(d1.body["managed"], false);
  EXPECT_EQ(d1.body["containers"][0]["name"], "thermo");
  const auto gateways =
      sql::transact(store_.db(), [](sql::Connection& c) { return list_gateways(c); });
  ASSERT_EQ(gateways.size(), 2u);
  EXPECT_EQ(gateways[0].name, "edge");
  EXPECT_TRUE(gateways[0].last_seen_ms.has_value());
  EXPECT_FALSE(gateways[1].last_seen_ms.has_value());

  // The picture is whole: d2 offline, d1 gone from it (offline too) and never read (null).
  Json d2 = device("d2", false);
  d2.erase("containers");
  ASSERT_EQ(push_state("gateway", {d2}).status, 204);
  EXPECT_EQ(call("operator", "GET", "/api/v1/devices/d1").body["online"], false);
  const Reply after = call("operator", "GET", "/api/v1/devices/d2");
  EXPECT_EQ(after.body["online"], false);
  EXPECT_TRUE(after.body["containers"].is_null());
  EXPECT_EQ(count("devices"), 2);
}

TEST_P(PlatformLinkTest, ADeviceAnotherGatewayHoldsIsRefusedNotStolen) {
  ASSERT_EQ(push_state("gateway", {device("d1")}).status, 204);
  const Reply r = push_state("far", {device("d1", false), device("d3")});
  EXPECT_EQ(r.status, 200);  // d3 is stored: the push succeeded, d1 is listed as refused
  ASSERT_EQ(r.body["refused"].size(), 1u);
  EXPECT_EQ(r.body["refused"][0]["device"], "d1");
  EXPECT_EQ(r.body["refused"][0]["code"], "device_claimed");
  EXPECT_EQ(r.raw.find("edge"), std::string::npos) << "names the other gateway: " << r.raw;
  const Reply d1 = call("operator", "GET", "/api/v1/devices/d1");
  EXPECT_EQ(d1.body["gateway"], "edge");
  EXPECT_EQ(d1.body["online"], true);
  EXPECT_EQ(call("operator", "GET", "/api/v1/devices/d3").body["gateway"], "far");
  // Each owner sees its own devices only; another's is 404.
  const Reply mine = call("owner", "GET", "/api/v1/devices");
  ASSERT_EQ(mine.body["devices"].size(), 1u);
  EXPECT_EQ(mine.body["devices"][0]["id"], "d1");
  EXPECT_EQ(call("owner", "GET", "/api/v1/devices/d3").status, 404);
  EXPECT_EQ(call("other-owner", "GET", "/api/v1/devices/d3").status, 200);
  EXPECT_EQ(call("operator", "GET", "/api/v1/devices").body["devices"].size(), 2u);
}

Json usage(int64_t id, const std::string& tenant) {
  return {{"id", id},
          {"kind", "usage"},
          {"data",
           {{"device", "d1"},
            {"container", "thermo"},
            {"tenant", tenant},
            {"from_ms", 0},
            {"to_ms", 1763861990000},
            {"activations", 60},
            {"instructions", 180000},
            {"cpu_us", 2100},
            {"endpoint_calls", 120},
            {"bytes_read", 0},
            {"bytes_written", 480},
            {"energy_uj", 900}}}};
}

Json event(int64_t id, const std::string& type, const Json& extra = Json::object()) {
  Json data = {{"type", type}, {"device", "d1"}, {"time", "2025-11-23T01:39:50.250Z"}};
  data.update(extra);
  return {{"id", id}, {"kind", "event"}, {"data", data}};
}

TEST_P(PlatformLinkTest, ItemsAreStoredOnceAndAcknowledged) {
  const std::vector<Json> batch = {event(812, "device_online"),
                                   usage(813, "acme"),
                                   {{"id", 814}, {"kind", "gap"}, {"data", {{"dropped", 20}}}}};
  const Reply first = push_items("gateway", batch);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body, Json::parse(R"({"ack":814})"));
  const Reply again = push_items("gateway", batch);
  EXPECT_EQ(again.body, Json::parse(R"({"ack":814})"));
  EXPECT_EQ(count("events"), 2);
  EXPECT_EQ(count("usage"), 1);
  // The same ids from another gateway are other items.
  EXPECT_EQ(push_items("far", {event(812, "device_online")}).status, 200);
  EXPECT_EQ(count("events"), 3);

  const Reply events = call("operator", "GET", "/api/v1/events");
  ASSERT_EQ(events.body["events"].size(), 3u);
  const Json& online = events.body["events"][0];
  EXPECT_EQ(online["type"], "device_online");
  EXPECT_EQ(online["at_ms"], 1763861990250);  // the event's own time
  EXPECT_EQ(online["data"]["device"], "d1");
  const Reply usage_rows = call("operator", "GET", "/api/v1/usage?device=d1&tenant=acme");
  ASSERT_EQ(usage_rows.body["usage"].size(), 1u);
  EXPECT_EQ(usage_rows.body["usage"][0]["energy_uj"], 900);
  EXPECT_EQ(usage_rows.body["usage"][0]["gateway"], "edge");
}

TEST_P(PlatformLinkTest, EventsAndUsageAreReadInTheCallersScope) {
  ASSERT_EQ(push_items("gateway", {event(1, "device_online"),
                                   event(2, "violation",
                                         {{"tenant", "acme"}, {"time", "2025-11-23T01:39:51Z"}}),
                                   usage(3, "acme"), usage(4, "nobody")})
                .status,
            200);
  ASSERT_EQ(push_items("far", {event(1, "device_online")}).status, 200);
  auto types = [&](const std::string& role, const std::string& query) {
    std::vector<std::string> out;
    const Reply reply = call(role, "GET", "/api/v1/events" + query);
    for (const Json& e : reply.body["events"])
      out.push_back(e["gateway"].get<std::string>() + "/" + e["type"].get<std::string>());
    return out;
  };
  using Types = std::vector<std::string>;
  EXPECT_EQ(types("operator", ""),
            (Types{"edge/device_online", "far/device_online", "edge/violation"}));
  EXPECT_EQ(types("owner", ""), (Types{"edge/device_online", "edge/violation"}));
  EXPECT_EQ(types("other-owner", ""), (Types{"far/device_online"}));
  EXPECT_EQ(types("tenant", ""), (Types{"edge/violation"}));
  EXPECT_EQ(types("operator", "?limit=1"), (Types{"edge/violation"}));  // the newest
  EXPECT_EQ(types("operator", "?device=d2"), Types{});
  EXPECT_EQ(types("operator", "?since_ms=1763861990251"), (Types{"edge/violation"}));
  // A tenant sees usage of its own containers; an unknown tenant's usage is kept by name.
  EXPECT_EQ(call("tenant", "GET", "/api/v1/usage").body["usage"].size(), 1u);
  EXPECT_EQ(call("other-owner", "GET", "/api/v1/usage").body["usage"].size(), 0u);
  const Reply nobody = call("operator", "GET", "/api/v1/usage?tenant=nobody");
  ASSERT_EQ(nobody.body["usage"].size(), 1u);
  EXPECT_EQ(nobody.body["usage"][0]["tenant"], "nobody");
  for (const std::string bad : {"?limit=0", "?limit=1001", "?limit=x", "?since_ms=-1"}) {
    const Reply r = call("operator", "GET", "/api/v1/events" + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.body["error"]["code"], "bad_parameter") << bad;
  }
}

TEST_P(PlatformLinkTest, MalformedBodiesAre400NamingTheFieldAndStoreNothing) {
  const Reply state = push_state("gateway", {device("d1"), {{"id", "d2"}, {"online", "yes"}}});
  EXPECT_EQ(state.status, 400);
  EXPECT_EQ(state.body["error"]["field"], "devices[1].online");
  EXPECT_EQ(push_state("gateway", {device("d1"), device("d1")}).body["error"]["field"],
            "devices[1].id");
  EXPECT_EQ(push_state("gateway", {device("bad/id")}).body["error"]["field"], "devices[0].id");
  EXPECT_EQ(call("gateway", "PUT", "/api/v1/gateway/state", "{").status, 400);
  EXPECT_EQ(call("gateway", "PUT", "/api/v1/gateway/state", "[]").body["error"]["field"], "(body)");
  EXPECT_EQ(count("devices"), 0);
  const auto gateways =
      sql::transact(store_.db(), [](sql::Connection& c) { return list_gateways(c); });
  EXPECT_FALSE(gateways[0].last_seen_ms.has_value());

  Json bad_usage = usage(2, "acme");
  bad_usage["data"]["cpu_us"] = -1;
  const Reply items = push_items("gateway", {event(1, "device_online"), bad_usage});
  EXPECT_EQ(items.status, 400);
  EXPECT_EQ(items.body["error"]["field"], "items[1].data.cpu_us");
  EXPECT_EQ(push_items("gateway", {event(2, "a"), event(2, "b")}).body["error"]["field"],
            "items[1].id");
  EXPECT_EQ(push_items("gateway", {{{"id", 1}, {"kind", "mystery"}, {"data", Json::object()}}})
                .body["error"]["field"],
            "items[0].kind");
  std::vector<Json> many;
  for (int64_t id = 1; id <= 501; ++id)
    many.push_back(event(id, "x"));
  const Reply too_many = push_items("gateway", many);
  EXPECT_EQ(too_many.status, 413);
  EXPECT_EQ(too_many.body["error"]["code"], "too_many_items");
  EXPECT_EQ(count("events"), 0);
  EXPECT_EQ(count("usage"), 0);
  many.pop_back();
  EXPECT_EQ(push_items("gateway", many).body, Json::parse(R"({"ack":500})"));
  EXPECT_EQ(count("events"), 500);
}

INSTANTIATE_TEST_SUITE_P(Stores, PlatformLinkTest, ::testing::ValuesIn(test::all_backends()),
                         test::store_name);

}  // namespace
}  // namespace tc::platform
