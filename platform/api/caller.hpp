// Who a request acts as, and what that lets it do (docs/platform.md "Who may do what"). The HTTP
// layer lets in only requests with a known token, a user's or a gateway's (token_is_known); a
// handler then reads who it is, which may have been revoked in between (401 again). A gateway's
// token may use only /api/v1/gateway/* (403 anywhere else).
#pragma once

#include <httplib.h>

#include <string_view>

#include "identity/identity.hpp"
#include "sql/database.hpp"

namespace tc::platform {

// Whether `token` is a user's or a gateway's unrevoked token (HttpServer's authenticate hook).
[[nodiscard]] bool token_is_known(sql::Database& db, std::string_view token);

// The user the request's bearer token stands for; 403 gateway_token for a gateway's token, 401
// invalid_token when it stands for nobody.
[[nodiscard]] Principal require_user(sql::Database& db, const httplib::Request& req);

// 403 forbidden unless the principal is an operator.
void require_operator(const Principal& who);

// Milliseconds since the Unix epoch: the time every change and its audit entry carry.
[[nodiscard]] int64_t now_ms();

}  // namespace tc::platform
