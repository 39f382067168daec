#include "api/operator_collection.hpp"
#include "api/request_bodies.hpp"

namespace tc::platform {

void add_tenant_routes(httplib::Server& server, const PlatformApi& api) {
  add_operator_list(server, api, "/api/v1/tenants", "tenants",
                    [](sql::Connection& c) { return list_tenants(c); });
  add_operator_create(
      server, api, "/api/v1/tenants", tenant_request,
      [](sql::Connection& c, const Principal& me, const TenantRequest& asked, int64_t now) {
        const Tenant t = create_tenant(c, asked.name, asked.display_name, now);
        audit(c, me, now, t.id, "tenant.create", "tenant " + t.name, to_json(t));
        return to_json(t);
      });
}

}  // namespace tc::platform
