#include "link/link_caller.hpp"

#include "http/bearer_token.hpp"
#include "http/http_error.hpp"

namespace tc::platform {

Gateway require_gateway(sql::Database& db, const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  const std::string_view token = http::bearer_token(authorization);
  const sql::Lease c = db.acquire();
  if (std::optional<Gateway> gateway = authenticate_gateway(*c, token)) return std::move(*gateway);
  if (authenticate(*c, token)) {
    throw http::HttpError(403, "user_token", "only a gateway's token may use /api/v1/gateway/");
  }
  throw http::HttpError(401, "invalid_token", "the bearer token is not valid");
}

}  // namespace tc::platform
