#include "api/operator_collection.hpp"
#include "api/request_bodies.hpp"
#include "fleet/gateway_registry.hpp"

namespace tc::platform {

void add_gateway_routes(httplib::Server& server, const PlatformApi& api) {
  add_operator_list(server, api, "/api/v1/gateways", "gateways",
                    [](sql::Connection& c) { return list_gateways(c); });
  // The gateway's token is in this answer and nowhere else, ever.
  add_operator_create(
      server, api, "/api/v1/gateways", gateway_request,
      [](sql::Connection& c, const Principal& me, const GatewayRequest& asked, int64_t now) {
        const EnrolledGateway e = enroll_gateway(c, asked.name, asked.owner, now);
        audit(c, me, now, e.gateway.owner_id, "gateway.enroll", "gateway " + e.gateway.name,
              to_json(e.gateway));
        http::Json out = to_json(e.gateway);
        out["token"] = e.token;
        return out;
      });
}

}  // namespace tc::platform
