// Tenants, users and API tokens (docs/platform.md "Who may do what"). Tokens are
// identity/token_secret.hpp's: only their SHA-256 is stored; the secret is shown once.
//
// Every function works on a connection inside the caller's transaction (sql::transact), so that
// a change and its audit entry commit together. Failures a client can act on throw
// IdentityError; the store's own failures throw sql::Error.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "identity/role.hpp"
#include "sql/connection.hpp"

namespace tc::platform {

enum class IdentityFailure : uint8_t { invalid, exists, not_found };

class IdentityError : public std::runtime_error {
 public:
  IdentityError(IdentityFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  [[nodiscard]] IdentityFailure failure() const { return failure_; }

 private:
  IdentityFailure failure_;
};

struct Tenant {
  int64_t id = 0;
  std::string name;
  std::string display_name;
  int64_t created_ms = 0;
};

struct User {
  int64_t id = 0;
  std::string name;
  std::string tenant;
  int64_t tenant_id = 0;
  Role role = Role::tenant;
  int64_t created_ms = 0;
};

struct TokenInfo {
  int64_t id = 0;
  std::string name;
  std::string user;
  int64_t created_ms = 0;
  std::optional<int64_t> revoked_ms;
};

struct IssuedToken {
  TokenInfo info;
  std::string secret;  // the bearer token; not recoverable later
};

// Who a request acts as, once its token is verified.
struct Principal {
  User user;
  int64_t token_id = 0;
};

Tenant create_tenant(sql::Connection& c, std::string_view name, std::string_view display_name,
                     int64_t now_ms);
[[nodiscard]] std::optional<Tenant> find_tenant(sql::Connection& c, std::string_view name);
[[nodiscard]] std::vector<Tenant> list_tenants(sql::Connection& c);

User create_user(sql::Connection& c, std::string_view tenant, std::string_view name, Role role,
                 int64_t now_ms);
[[nodiscard]] std::optional<User> find_user(sql::Connection& c, std::string_view name);
// Every user of every tenant, by name.
[[nodiscard]] std::vector<User> list_users(sql::Connection& c);

IssuedToken issue_token(sql::Connection& c, std::string_view user, std::string_view name,
                        int64_t now_ms);
// False when there is no such token or it was already revoked.
bool revoke_token(sql::Connection& c, int64_t token_id, int64_t now_ms);
[[nodiscard]] std::vector<TokenInfo> list_tokens(sql::Connection& c, std::string_view user);
// The principal a bearer token stands for; none for an unknown, malformed or revoked token.
[[nodiscard]] std::optional<Principal> authenticate(sql::Connection& c, std::string_view secret);

}  // namespace tc::platform
