// The platform's schema on every store: it applies from empty, again as a no-op, and its
// constraints hold (a unique gateway item id, a deployment state outside the list, a device of
// an unknown gateway).
#include <gtest/gtest.h>

#include "platform_sql_support.hpp"
#include "sql/sql_error.hpp"
#include "store/schema.hpp"

namespace tc::platform {
namespace {

class Schema : public ::testing::TestWithParam<test::Backend> {
 protected:
  test::TestStore store{GetParam()};
  sql::Database& db = store.db();

  static sql::ErrorKind failure(sql::Connection& c, std::string_view statement) {
    try {
      c.exec(statement);
    } catch (const sql::Error& e) {
      return e.kind();
    }
    ADD_FAILURE() << "accepted: " << statement;
    return sql::ErrorKind::other;
  }
};

TEST_P(Schema, AppliesFromEmptyAndAgainAsANoOp) {
  const auto first = sql::migrate(db, schema_steps());
  EXPECT_EQ(first.from, 0);
  EXPECT_EQ(first.to, static_cast<int>(schema_steps().size()));
  const auto again = sql::migrate(db, schema_steps());
  EXPECT_EQ(again.from, again.to);
}

TEST_P(Schema, ConstraintsHold) {
  sql::migrate(db, schema_steps());
  auto c = db.acquire();
  c->exec("INSERT INTO tenants (name, display_name, created_ms) VALUES ('maker', 'Maker', 1)");
  c->exec(
      "INSERT INTO gateways (name, owner_tenant_id, token_sha256, created_ms) "
      "VALUES ('gw1', 1, 'h', 1)");
  c->exec(
      "INSERT INTO events (gateway_id, item_id, device, type, at_ms, data) "
      "VALUES (1, 7, 'd1', 'device_online', 1, '{}')");
  EXPECT_EQ(failure(*c,
                    "INSERT INTO events (gateway_id, item_id, device, type, at_ms, data) "
                    "VALUES (1, 7, 'd1', 'device_online', 2, '{}')"),
            sql::ErrorKind::constraint);
  EXPECT_EQ(failure(*c,
                    "INSERT INTO devices (name, gateway_id, owner_tenant_id, first_seen_ms, "
                    "last_seen_ms) VALUES ('d1', 99, 1, 1, 1)"),
            sql::ErrorKind::constraint);
  c->exec(
      "INSERT INTO images (tenant_id, name, version, code, manifest, created_ms) "
      "VALUES (1, 'app', 1, ?, '{}', 1)",
      {sql::Bytes{{1, 2, 3}}});
  EXPECT_EQ(failure(*c,
                    "INSERT INTO deployments (tenant_id, image_id, container, sequence, selector, "
                    "batch_size, max_failures, state, created_ms, updated_ms) "
                    "VALUES (1, 1, 'app', 1, '{}', 1, 0, 'sleeping', 1, 1)"),
            sql::ErrorKind::constraint);
}

INSTANTIATE_TEST_SUITE_P(Stores, Schema, ::testing::ValuesIn(test::all_backends()),
                         test::store_name);

}  // namespace
}  // namespace tc::platform
