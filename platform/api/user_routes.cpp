#include "api/caller.hpp"
#include "api/change.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "api/request_bodies.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::platform {

void add_user_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/users", [&api](const httplib::Request& req, httplib::Response& res) {
    require_operator(require_user(api.db, req));
    const auto users = sql::transact(api.db, [](sql::Connection& c) { return list_users(c); });
    http::send_json(res, 200, {{"users", to_json_array(users)}});
  });
  server.Post("/api/v1/users",
              http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
                const Principal me = require_user(api.db, req);
                require_operator(me);
                const UserRequest asked = user_request(http::request_json(req, body, false));
                const User created = change(api.db, [&](sql::Connection& c) {
                  const int64_t now = now_ms();
                  User u = create_user(c, asked.tenant, asked.name, asked.role, now);
                  audit(c, me, now, u.tenant_id, "user.create", "user " + u.name, to_json(u));
                  return u;
                });
                http::send_json(res, 201, to_json(created));
              }));
}

}  // namespace tc::platform
