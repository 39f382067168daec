#include "store/schema.hpp"

#include <array>

namespace tc::platform {
namespace {

// Times are milliseconds since the Unix epoch ({int}); names are checked by the code
// (identity/names.hpp) before they reach the database, the constraints here are the last line.
constexpr std::string_view kIdentity = R"sql(
CREATE TABLE tenants (
  id {serial},
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  created_ms {int} NOT NULL
);
CREATE TABLE users (
  id {serial},
  tenant_id {int} NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('operator', 'owner', 'tenant')),
  created_ms {int} NOT NULL
);
CREATE TABLE tokens (
  id {serial},
  user_id {int} NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL UNIQUE,
  created_ms {int} NOT NULL,
  revoked_ms {int}
);
CREATE INDEX tokens_by_user ON tokens(user_id);
CREATE TABLE audit (
  id {serial},
  at_ms {int} NOT NULL,
  actor TEXT NOT NULL,
  tenant_id {int},
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at_ms);
)sql";

constexpr std::array<sql::Migration, 1> kSteps{{
    {1, "tenants, users, tokens, audit", kIdentity},
}};

}  // namespace

std::span<const sql::Migration> schema_steps() {
  return kSteps;
}

}  // namespace tc::platform
