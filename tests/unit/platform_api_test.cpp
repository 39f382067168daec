// tc-platform's /api/v1 end to end against every store: the real PlatformServer on an ephemeral
// port and an httplib::Client. Who may do what is checked as a table, role x route, every cell;
// then bad input (400 naming the field), conflicts, unknown names, audit entries and revocation.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/caller.hpp"
#include "api/platform_server.hpp"
#include "audit/audit_log.hpp"
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

class PlatformApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  PlatformApiTest() {
    (void)sql::migrate(store_.db(), schema_steps());
    tokens_["operator"] = bootstrap_admin(store_.db(), now_ms()).value().secret;
    sql::transact(store_.db(), [this](sql::Connection& c) {
      (void)create_tenant(c, "acme", "", 1);
      (void)create_user(c, "acme", "olga", Role::owner, 1);
      (void)create_user(c, "acme", "tom", Role::tenant, 1);
      tokens_["owner"] = issue_token(c, "olga", "t", 1).secret;
      tokens_["tenant"] = issue_token(c, "tom", "t", 1).secret;
      tokens_["gateway"] = enroll_gateway(c, "edge", "acme", 1).token;
    });
    EXPECT_EQ(server_.start(), "");
  }
  ~PlatformApiTest() override { server_.stop(); }

  // A client acting as `role` ("anonymous": no token).
  [[nodiscard]] std::unique_ptr<httplib::Client> as(const std::string& role) const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
    client->set_read_timeout(30, 0);
    if (const auto it = tokens_.find(role); it != tokens_.end()) {
      client->set_bearer_token_auth(it->second);
    }
    return client;
  }
  static Json json(const httplib::Result& r) {
    EXPECT_TRUE(r);
    return r ? Json::parse(r->body, nullptr, false) : Json();
  }
  static Json post_json(httplib::Client& c, const std::string& path, const Json& body,
                        int expected) {
    const auto r = c.Post(path, body.dump(), "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, expected) << path << " " << r->body;
    return Json::parse(r->body, nullptr, false);
  }

  TestStore store_{GetParam()};
  std::map<std::string, std::string> tokens_;
  PlatformServer server_{
      store_.db(),
      PlatformServerOptions{.host = "127.0.0.1", .port = 0, .threads = 8, .max_body = 4096}};
};

struct Cell {
  std::string method;
  std::string path;
  std::string body;  // JSON; {ROLE} is replaced by the role's name
  std::map<std::string, int> expected;
};

TEST_P(PlatformApiTest, EachRoleMayDoWhatTheTableSays) {
  // Another user's token, which nobody but its holder may revoke (404: its id must not leak).
  const int64_t foreign = sql::transact(store_.db(), [](sql::Connection& c) {
    (void)create_user(c, "acme", "other", Role::tenant, 1);
    return issue_token(c, "other", "t", 1).info.id;
  });
  // A gateway's token may use only /api/v1/gateway/*: 403 everywhere else.
  const std::vector<Cell> table = {
      {"GET",
       "/api/v1/health",
       "",
       {{"anonymous", 200}, {"operator", 200}, {"owner", 200}, {"tenant", 200}, {"gateway", 200}}},
      {"GET",
       "/api/v1/whoami",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 200}, {"tenant", 200}, {"gateway", 403}}},
      {"GET",
       "/api/v1/tenants",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
      {"POST",
       "/api/v1/tenants",
       R"({"name":"t-{ROLE}"})",
       {{"anonymous", 401}, {"operator", 201}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
      {"GET",
       "/api/v1/users",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
      {"POST",
       "/api/v1/users",
       R"({"tenant":"acme","name":"u-{ROLE}","role":"tenant"})",
       {{"anonymous", 401}, {"operator", 201}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
      {"GET",
       "/api/v1/tokens",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 200}, {"tenant", 200}, {"gateway", 403}}},
      {"POST",
       "/api/v1/tokens",
       R"({"name":"n-{ROLE}"})",
       {{"anonymous", 401}, {"operator", 201}, {"owner", 201}, {"tenant", 201}, {"gateway", 403}}},
      {"DELETE",
       "/api/v1/tokens/" + std::to_string(foreign),
       "",
       {{"anonymous", 401}, {"operator", 404}, {"owner", 404}, {"tenant", 404}, {"gateway", 403}}},
      {"GET",
       "/api/v1/gateways",
       "",
       {{"anonymous", 401}, {"operator", 200}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
      {"POST",
       "/api/v1/gateways",
       R"({"name":"g-{ROLE}","owner":"acme"})",
       {{"anonymous", 401}, {"operator", 201}, {"owner", 403}, {"tenant", 403}, {"gateway", 403}}},
  };
  for (const Cell& cell : table) {
    for (const auto& [role, status] : cell.expected) {
      std::string body = cell.body;
      if (const auto at = body.find("{ROLE}"); at != std::string::npos) {
        body.replace(at, 6, role);
      }
      httplib::Request req;
      req.method = cell.method;
      req.path = cell.path;
      if (!body.empty()) {
        req.body = body;
        req.set_header("Content-Type", "application/json");
      }
      const auto r = as(role)->send(req);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, status)
          << role << " " << cell.method << " " << cell.path << ": " << r->body;
    }
  }
}

TEST_P(PlatformApiTest, WhoamiNamesTheUserAndTheirTenant) {
  const Json me = json(as("owner")->Get("/api/v1/whoami"));
  EXPECT_EQ(me["name"], "olga");
  EXPECT_EQ(me["tenant"], "acme");
  EXPECT_EQ(me["role"], "owner");
}

TEST_P(PlatformApiTest, TenantsAreCreatedOnceAndListed) {
  const auto op = as("operator");
  const Json created =
      post_json(*op, "/api/v1/tenants", {{"name", "beta"}, {"display_name", "Beta Ltd"}}, 201);
  EXPECT_EQ(created["display_name"], "Beta Ltd");
  EXPECT_EQ(post_json(*op, "/api/v1/tenants", {{"name", "beta"}}, 409)["error"]["code"], "exists");
  const Json all = json(op->Get("/api/v1/tenants"));
  ASSERT_EQ(all["tenants"].size(), 3u);  // acme, beta, operator
  EXPECT_EQ(all["tenants"][1]["name"], "beta");
}

TEST_P(PlatformApiTest, BadInputIs400NamingTheFieldAndChangesNothing) {
  const auto op = as("operator");
  EXPECT_EQ(post_json(*op, "/api/v1/tenants", {{"name", "Bad Name"}}, 400)["error"]["field"],
            "name");
  EXPECT_EQ(post_json(*op, "/api/v1/tenants", {{"name", "x"}, {"display_name", 5}},
                      400)["error"]["field"],
            "display_name");
  EXPECT_EQ(post_json(*op, "/api/v1/tenants", Json::array(), 400)["error"]["field"], "(body)");
  EXPECT_EQ(
      post_json(*op, "/api/v1/users", {{"tenant", "acme"}, {"name", "u"}}, 400)["error"]["field"],
      "role");
  EXPECT_EQ(post_json(*op, "/api/v1/users", {{"tenant", "acme"}, {"name", "u"}, {"role", "king"}},
                      400)["error"]["field"],
            "role");
  EXPECT_EQ(post_json(*op, "/api/v1/tokens", {{"name", ""}}, 400)["error"]["field"], "name");
  const auto r = op->Post("/api/v1/tenants", "{", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json(op->Get("/api/v1/tenants"))["tenants"].size(), 2u);
  EXPECT_EQ(json(op->Get("/api/v1/users"))["users"].size(), 3u);
}

TEST_P(PlatformApiTest, AGatewayIsEnrolledWithATokenShownOnce) {
  const auto op = as("operator");
  const Json enrolled =
      post_json(*op, "/api/v1/gateways", {{"name", "site-7"}, {"owner", "acme"}}, 201);
  EXPECT_EQ(enrolled["owner"], "acme");
  EXPECT_TRUE(enrolled["last_seen_ms"].is_null());
  const std::string token = enrolled["token"];
  EXPECT_TRUE(sql::transact(store_.db(), [&](sql::Connection& c) {
                return authenticate_gateway(c, token);
              }).has_value());
  EXPECT_EQ(post_json(*op, "/api/v1/gateways", {{"name", "site-7"}, {"owner", "acme"}},
                      409)["error"]["code"],
            "exists");
  EXPECT_EQ(post_json(*op, "/api/v1/gateways", {{"name", "site-8"}, {"owner", "nobody"}},
                      404)["error"]["code"],
            "not_found");
  EXPECT_EQ(post_json(*op, "/api/v1/gateways", {{"name", "site-9"}}, 400)["error"]["field"],
            "owner");
  const Json all = json(op->Get("/api/v1/gateways"));
  ASSERT_EQ(all["gateways"].size(), 2u);  // edge, site-7
  EXPECT_EQ(all["gateways"][1]["name"], "site-7");
  EXPECT_FALSE(all["gateways"][1].contains("token"));
}

TEST_P(PlatformApiTest, AUserInAnUnknownTenantIs404) {
  const Json e = post_json(*as("operator"), "/api/v1/users",
                           {{"tenant", "nowhere"}, {"name", "u"}, {"role", "owner"}}, 404);
  EXPECT_EQ(e["error"]["code"], "not_found");
}

TEST_P(PlatformApiTest, EveryChangeHasItsAuditEntry) {
  const auto op = as("operator");
  (void)post_json(*op, "/api/v1/tenants", {{"name", "beta"}}, 201);
  (void)post_json(*op, "/api/v1/users", {{"tenant", "beta"}, {"name", "bob"}, {"role", "owner"}},
                  201);
  const Json token = post_json(*op, "/api/v1/tokens", {{"name", "ci"}}, 201);
  const auto revoked = op->Delete("/api/v1/tokens/" + std::to_string(token["id"].get<int64_t>()));
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 204);
  const std::vector<AuditEntry> entries =
      sql::transact(store_.db(), [](sql::Connection& c) { return read_audit(c, AuditQuery{}); });
  std::vector<std::string> actions;
  actions.reserve(entries.size());
  for (const AuditEntry& e : entries)
    actions.push_back(e.action + " by " + e.actor);
  EXPECT_EQ(actions, (std::vector<std::string>{"token.revoke by admin", "token.create by admin",
                                               "user.create by admin", "tenant.create by admin",
                                               "platform.bootstrap by platform"}));
}

TEST_P(PlatformApiTest, ATokenIsShownOnceAndStopsWorkingWhenRevoked) {
  const Json issued = post_json(*as("tenant"), "/api/v1/tokens", {{"name", "laptop"}}, 201);
  const std::string secret = issued["token"];
  auto laptop = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
  laptop->set_bearer_token_auth(secret);
  EXPECT_EQ(json(laptop->Get("/api/v1/whoami"))["name"], "tom");
  const Json listed = json(laptop->Get("/api/v1/tokens"));
  ASSERT_EQ(listed["tokens"].size(), 2u);
  EXPECT_FALSE(listed["tokens"][1].contains("token"));
  const auto id = std::to_string(issued["id"].get<int64_t>());
  EXPECT_EQ(laptop->Delete("/api/v1/tokens/" + id)->status, 204);
  EXPECT_EQ(laptop->Get("/api/v1/whoami")->status, 401);
  EXPECT_EQ(as("tenant")->Delete("/api/v1/tokens/" + id)->status, 404);
  EXPECT_EQ(as("tenant")->Delete("/api/v1/tokens/not-a-number")->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, PlatformApiTest, ::testing::ValuesIn(test::all_backends()),
                         test::store_name);

}  // namespace
}  // namespace tc::platform
