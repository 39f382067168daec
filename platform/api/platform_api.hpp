// tc-platform's HTTP API under /api/v1 (docs/api/platform.yaml): what its handlers work with and
// the route groups, one file each. Every handler acts as the user its bearer token names
// (caller.hpp) and writes each change with its audit entry in one transaction.
#pragma once

#include <httplib.h>

#include "sql/database.hpp"

namespace tc::platform {

struct PlatformApi {
  sql::Database& db;
};

// GET /health (no token) and GET /whoami.
void add_health_routes(httplib::Server& server, const PlatformApi& api);
// /tenants: the operator lists and creates tenants.
void add_tenant_routes(httplib::Server& server, const PlatformApi& api);
// /users: the operator creates users in any tenant and lists them.
void add_user_routes(httplib::Server& server, const PlatformApi& api);
// /tokens, /tokens/{id}: a user's own API tokens.
void add_token_routes(httplib::Server& server, const PlatformApi& api);
// /gateways: the operator enrolls gateways (each token shown once) and lists them.
void add_gateway_routes(httplib::Server& server, const PlatformApi& api);
// /gateway/*: the platform link, for gateway tokens only (platform/link, api/platform-link.md).
void add_link_routes(httplib::Server& server, const PlatformApi& api);
// /devices, /devices/{id}: the devices the gateways reported (platform/link).
void add_device_routes(httplib::Server& server, const PlatformApi& api);
// /events, /usage: what the gateways pushed, in the caller's scope (platform/link).
void add_activity_routes(httplib::Server& server, const PlatformApi& api);

}  // namespace tc::platform
