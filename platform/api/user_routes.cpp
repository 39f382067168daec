#include "api/operator_collection.hpp"
#include "api/request_bodies.hpp"

namespace tc::platform {

void add_user_routes(httplib::Server& server, const PlatformApi& api) {
  add_operator_list(server, api, "/api/v1/users", "users",
                    [](sql::Connection& c) { return list_users(c); });
  add_operator_create(
      server, api, "/api/v1/users", user_request,
      [](sql::Connection& c, const Principal& me, const UserRequest& asked, int64_t now) {
        const User u = create_user(c, asked.tenant, asked.name, asked.role, now);
        audit(c, me, now, u.tenant_id, "user.create", "user " + u.name, to_json(u));
        return to_json(u);
      });
}

}  // namespace tc::platform
