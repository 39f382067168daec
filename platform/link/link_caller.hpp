// Who a request on the platform link (/api/v1/gateway/*) comes from: a gateway, named by its
// token (docs/api/platform-link.md). The mirror of api/caller.hpp's require_user, which refuses a
// gateway's token everywhere else.
#pragma once

#include <httplib.h>

#include "fleet/gateway_registry.hpp"
#include "sql/database.hpp"

namespace tc::platform {

// The gateway the request's bearer token names; 403 user_token for a user's token, 401
// invalid_token for a token that names nobody (any more).
[[nodiscard]] Gateway require_gateway(sql::Database& db, const httplib::Request& req);

}  // namespace tc::platform
