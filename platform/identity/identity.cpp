#include "identity/identity.hpp"

#include "identity/names.hpp"
#include "identity/token_secret.hpp"
#include "sql/sql_error.hpp"

namespace tc::platform {
namespace {

void require_name(std::string_view what, std::string_view name) {
  const std::string why = check_name(what, name);
  if (!why.empty()) throw IdentityError(IdentityFailure::invalid, why);
}

// Runs an insert; a unique constraint refusing it means the name is taken.
sql::Result insert_unique(sql::Connection& c, std::string_view statement,
                          std::initializer_list<sql::Value> params, const std::string& taken) {
  try {
    return c.run(statement, std::span(params.begin(), params.size()));
  } catch (const sql::Error& e) {
    if (e.kind() == sql::ErrorKind::constraint) {
      throw IdentityError(IdentityFailure::exists, taken);
    }
    throw;
  }
}

// The columns user_from reads, then the joins they come from.
constexpr std::string_view kUserColumns = "SELECT u.id, u.name, t.name, t.id, u.role, u.created_ms";
constexpr std::string_view kUserJoin = " FROM users u JOIN tenants t ON t.id = u.tenant_id";

User user_from(const sql::Result& r, std::size_t row) {
  return User{.id = r.integer(row, 0),
              .name = r.text(row, 1),
              .tenant = r.text(row, 2),
              .tenant_id = r.integer(row, 3),
              .role = parse_role(r.text(row, 4)).value_or(Role::tenant),
              .created_ms = r.integer(row, 5)};
}

Tenant tenant_from(const sql::Result& r, std::size_t row) {
  return Tenant{.id = r.integer(row, 0),
                .name = r.text(row, 1),
                .display_name = r.text(row, 2),
                .created_ms = r.integer(row, 3)};
}

}  // namespace

Tenant create_tenant(sql::Connection& c, std::string_view name, std::string_view display_name,
                     int64_t now_ms) {
  require_name("tenant name", name);
  if (display_name.size() > 200) {
    throw IdentityError(IdentityFailure::invalid, "display name is longer than 200 characters");
  }
  const std::string shown = display_name.empty() ? std::string(name) : std::string(display_name);
  const sql::Result r = insert_unique(
      c, "INSERT INTO tenants (name, display_name, created_ms) VALUES (?, ?, ?) RETURNING id",
      {std::string(name), shown, now_ms}, "tenant " + std::string(name) + " exists");
  return Tenant{.id = r.integer(0, 0),
                .name = std::string(name),
                .display_name = shown,
                .created_ms = now_ms};
}

std::optional<Tenant> find_tenant(sql::Connection& c, std::string_view name) {
  const sql::Result r = c.exec(
      "SELECT id, name, display_name, created_ms FROM tenants WHERE name = ?", {std::string(name)});
  if (r.empty()) return std::nullopt;
  return tenant_from(r, 0);
}

std::vector<Tenant> list_tenants(sql::Connection& c) {
  const sql::Result r =
      c.exec("SELECT id, name, display_name, created_ms FROM tenants ORDER BY name");
  std::vector<Tenant> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(tenant_from(r, i));
  return out;
}

User create_user(sql::Connection& c, std::string_view tenant, std::string_view name, Role role,
                 int64_t now_ms) {
  require_name("user name", name);
  const std::optional<Tenant> owner = find_tenant(c, tenant);
  if (!owner) {
    throw IdentityError(IdentityFailure::not_found, "no tenant " + std::string(tenant));
  }
  const sql::Result r = insert_unique(
      c, "INSERT INTO users (tenant_id, name, role, created_ms) VALUES (?, ?, ?, ?) RETURNING id",
      {owner->id, std::string(name), std::string(role_name(role)), now_ms},
      "user " + std::string(name) + " exists");
  return User{.id = r.integer(0, 0),
              .name = std::string(name),
              .tenant = owner->name,
              .tenant_id = owner->id,
              .role = role,
              .created_ms = now_ms};
}

std::optional<User> find_user(sql::Connection& c, std::string_view name) {
  const sql::Result r =
      c.exec(std::string(kUserColumns) + std::string(kUserJoin) + " WHERE u.name = ?",
             {std::string(name)});
  if (r.empty()) return std::nullopt;
  return user_from(r, 0);
}

std::vector<User> list_users(sql::Connection& c) {
  const sql::Result r =
      c.exec(std::string(kUserColumns) + std::string(kUserJoin) + " ORDER BY u.name");
  std::vector<User> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(user_from(r, i));
  return out;
}

IssuedToken issue_token(sql::Connection& c, std::string_view user, std::string_view name,
                        int64_t now_ms) {
  require_name("token name", name);
  const std::optional<User> holder = find_user(c, user);
  if (!holder) throw IdentityError(IdentityFailure::not_found, "no user " + std::string(user));
  std::string secret = new_token_secret();
  const sql::Result r = c.exec(
      "INSERT INTO tokens (user_id, name, secret_sha256, created_ms) VALUES (?, ?, ?, ?) "
      "RETURNING id",
      {holder->id, std::string(name), token_hash(secret), now_ms});
  return IssuedToken{.info = TokenInfo{.id = r.integer(0, 0),
                                       .name = std::string(name),
                                       .user = holder->name,
                                       .created_ms = now_ms,
                                       .revoked_ms = std::nullopt},
                     .secret = std::move(secret)};
}

bool revoke_token(sql::Connection& c, int64_t token_id, int64_t now_ms) {
  return c.exec("UPDATE tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL",
                {now_ms, token_id})
             .affected() == 1;
}

std::vector<TokenInfo> list_tokens(sql::Connection& c, std::string_view user) {
  const sql::Result r = c.exec(
      "SELECT k.id, k.name, u.name, k.created_ms, k.revoked_ms FROM tokens k "
      "JOIN users u ON u.id = k.user_id WHERE u.name = ? ORDER BY k.id",
      {std::string(user)});
  std::vector<TokenInfo> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back(
        TokenInfo{.id = r.integer(i, 0),
                  .name = r.text(i, 1),
                  .user = r.text(i, 2),
                  .created_ms = r.integer(i, 3),
                  .revoked_ms = r.is_null(i, 4) ? std::nullopt : std::optional(r.integer(i, 4))});
  }
  return out;
}

std::optional<Principal> authenticate(sql::Connection& c, std::string_view secret) {
  if (!looks_like_token(secret)) return std::nullopt;  // refused without a query
  const sql::Result r = c.exec(std::string(kUserColumns) + ", k.id" + std::string(kUserJoin) +
                                   " JOIN tokens k ON k.user_id = u.id"
                                   " WHERE k.secret_sha256 = ? AND k.revoked_ms IS NULL",
                               {token_hash(secret)});
  if (r.empty()) return std::nullopt;
  return Principal{.user = user_from(r, 0), .token_id = r.integer(0, 6)};
}

}  // namespace tc::platform
