// The gateways an operator enrolled (docs/platform.md "Resources"): a name, the tenant that owns
// what they bring in (their devices), and a token of the same form as a user's
// (identity/token_secret.hpp) that names the gateway on the link (docs/api/platform-link.md).
// Functions work on a connection inside the caller's transaction, like identity.hpp's; refusals a
// client can act on throw IdentityError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/identity.hpp"
#include "sql/connection.hpp"

namespace tc::platform {

struct Gateway {
  int64_t id = 0;
  std::string name;
  std::string owner;  // tenant name
  int64_t owner_id = 0;
  int64_t created_ms = 0;
  std::optional<int64_t> last_seen_ms;  // the link's last request
};

struct EnrolledGateway {
  Gateway gateway;
  std::string token;  // the gateway's bearer token; not recoverable later
};

EnrolledGateway enroll_gateway(sql::Connection& c, std::string_view name, std::string_view owner,
                               int64_t now_ms);
[[nodiscard]] std::vector<Gateway> list_gateways(sql::Connection& c);
// The gateway a bearer token names; none for an unknown, malformed or revoked token.
[[nodiscard]] std::optional<Gateway> authenticate_gateway(sql::Connection& c,
                                                          std::string_view secret);
// The link's heartbeat: the gateway pushed its state at `now_ms`.
void record_gateway_seen(sql::Connection& c, int64_t gateway_id, int64_t now_ms);

}  // namespace tc::platform
