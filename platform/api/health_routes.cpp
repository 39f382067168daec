#include "api/caller.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "http/json_response.hpp"

namespace tc::platform {

void add_health_routes(httplib::Server& server, const PlatformApi& api) {
  // No token: load balancers and the gateways' first contact ask it.
  server.Get("/api/v1/health", [&api](const httplib::Request&, httplib::Response& res) {
    const sql::Lease c = api.db.acquire();
    (void)c->exec("SELECT 1");
    http::send_json(res, 200, {{"status", "ok"}});
  });
  server.Get("/api/v1/whoami", [&api](const httplib::Request& req, httplib::Response& res) {
    const Principal me = require_user(api.db, req);
    http::Json out = to_json(me.user);
    out["token_id"] = me.token_id;
    http::send_json(res, 200, out);
  });
}

}  // namespace tc::platform
