#include "api/caller.hpp"
#include "api/change.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "api/request_bodies.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::platform {

void add_tenant_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/tenants", [&api](const httplib::Request& req, httplib::Response& res) {
    require_operator(require_user(api.db, req));
    const auto tenants = sql::transact(api.db, [](sql::Connection& c) { return list_tenants(c); });
    http::send_json(res, 200, {{"tenants", to_json_array(tenants)}});
  });
  server.Post("/api/v1/tenants",
              http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
                const Principal me = require_user(api.db, req);
                require_operator(me);
                const TenantRequest asked = tenant_request(http::request_json(req, body, false));
                const Tenant created = change(api.db, [&](sql::Connection& c) {
                  const int64_t now = now_ms();
                  Tenant t = create_tenant(c, asked.name, asked.display_name, now);
                  audit(c, me, now, t.id, "tenant.create", "tenant " + t.name, to_json(t));
                  return t;
                });
                http::send_json(res, 201, to_json(created));
              }));
}

}  // namespace tc::platform
