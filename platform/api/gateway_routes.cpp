#include "api/caller.hpp"
#include "api/change.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "api/request_bodies.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::platform {

void add_gateway_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/gateways", [&api](const httplib::Request& req, httplib::Response& res) {
    require_operator(require_user(api.db, req));
    const auto gateways =
        sql::transact(api.db, [](sql::Connection& c) { return list_gateways(c); });
    http::send_json(res, 200, {{"gateways", to_json_array(gateways)}});
  });
  // The gateway's token is in this answer and nowhere else, ever.
  server.Post("/api/v1/gateways",
              http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
                const Principal me = require_user(api.db, req);
                require_operator(me);
                const GatewayRequest asked = gateway_request(http::request_json(req, body, false));
                const EnrolledGateway enrolled = change(api.db, [&](sql::Connection& c) {
                  const int64_t now = now_ms();
                  EnrolledGateway e = enroll_gateway(c, asked.name, asked.owner, now);
                  audit(c, me, now, e.gateway.owner_id, "gateway.enroll",
                        "gateway " + e.gateway.name, to_json(e.gateway));
                  return e;
                });
                http::Json out = to_json(enrolled.gateway);
                out["token"] = enrolled.token;
                http::send_json(res, 201, out);
              }));
}

}  // namespace tc::platform
