#include "api/caller.hpp"

#include <chrono>

#include "fleet/gateway_registry.hpp"
#include "http/bearer_token.hpp"
#include "http/http_error.hpp"

namespace tc::platform {

bool token_is_known(sql::Database& db, std::string_view token) {
  const sql::Lease c = db.acquire();
  return authenticate(*c, token) || authenticate_gateway(*c, token);
}

Principal require_user(sql::Database& db, const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  const std::string_view token = http::bearer_token(authorization);
  const sql::Lease c = db.acquire();
  if (std::optional<Principal> who = authenticate(*c, token)) return std::move(*who);
  if (authenticate_gateway(*c, token)) {
    throw http::HttpError(403, "gateway_token", "a gateway's token may use only /api/v1/gateway/");
  }
  throw http::HttpError(401, "invalid_token", "the bearer token is not valid");
}

void require_operator(const Principal& who) {
  if (who.user.role != Role::operator_role) {
    throw http::HttpError(403, "forbidden", "only an operator may do this",
                          {{"role", role_name(who.user.role)}});
  }
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tc::platform
