// The API's routes under /api/v1 (docs/api/gateway.yaml), one group per file.
#pragma once

#include <httplib.h>

#include "api/api_context.hpp"

namespace tc::gw {

// /health, /devices, /devices/{id}, its resources and stats.
void add_device_routes(httplib::Server& server, const ApiContext& api);
// /devices/{id}/containers...: list, status, logs, install, start/stop/restart, remove.
void add_container_routes(httplib::Server& server, const ApiContext& api);
// /commands, /commands/{id}.
void add_command_routes(httplib::Server& server, const ApiContext& api);
// /devices/{id}/apps/{container}/{path...}: the proxy to containers' exported resources.
void add_proxy_routes(httplib::Server& server, const ApiContext& api);
// /events, /devices/{id}/events: Server-Sent Events.
void add_event_routes(httplib::Server& server, const ApiContext& api);
// /tokens, /tokens/{id}.
void add_token_routes(httplib::Server& server, const ApiContext& api);
// /platform: what the platform link is doing.
void add_platform_routes(httplib::Server& server, const ApiContext& api);

}  // namespace tc::gw
