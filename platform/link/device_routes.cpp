// GET /api/v1/devices and /devices/{id}: the devices the gateways reported, with what they last
// said of them. An operator sees every device, a device owner its tenant's (another's is 404:
// existence must not leak); an application tenant reaches devices only through grants, not here.
#include "api/caller.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "fleet/device_store.hpp"
#include "http/http_error.hpp"
#include "http/json_response.hpp"
#include "link/fleet_json.hpp"

namespace tc::platform {
namespace {

// The tenant whose devices `who` may see; none for every device (an operator).
std::optional<int64_t> device_scope(const Principal& who) {
  switch (who.user.role) {
    case Role::operator_role:
      return std::nullopt;
    case Role::owner:
      return who.user.tenant_id;
    case Role::tenant:
      break;
  }
  throw http::HttpError(403, "forbidden", "an application tenant reaches devices through grants",
                        {{"role", role_name(who.user.role)}});
}

}  // namespace

void add_device_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/devices", [&api](const httplib::Request& req, httplib::Response& res) {
    const std::optional<int64_t> scope = device_scope(require_user(api.db, req));
    const auto devices =
        sql::transact(api.db, [&](sql::Connection& c) { return list_devices(c, scope); });
    http::send_json(res, 200, {{"devices", to_json_array(devices)}});
  });
  server.Get(
      R"(/api/v1/devices/([^/]+))", [&api](const httplib::Request& req, httplib::Response& res) {
        const std::optional<int64_t> scope = device_scope(require_user(api.db, req));
        const std::string name = req.matches[1].str();
        const auto device =
            sql::transact(api.db, [&](sql::Connection& c) { return find_device(c, name); });
        if (!device || (scope && device->owner_id != *scope)) {
          throw http::HttpError(404, "device_not_found", "no device '" + name.substr(0, 64) + "'");
        }
        http::send_json(res, 200, to_json(*device));
      });
}

}  // namespace tc::platform
