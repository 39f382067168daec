// GET /api/v1/events and /api/v1/usage: what the gateways pushed (fleet/activity_query.hpp), in
// the caller's scope: an operator sees everything, a device owner what came through its tenant's
// gateways (its devices), an application tenant the items of its own tenant (by tenant_id).
#include <charconv>

#include "api/caller.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "fleet/activity_query.hpp"
#include "http/http_error.hpp"
#include "http/json_response.hpp"
#include "link/fleet_json.hpp"

namespace tc::platform {
namespace {

constexpr std::size_t kMaxFilterText = 64;

http::HttpError bad_parameter(const std::string& name, const std::string& why) {
  return {400, "bad_parameter", name + ": " + why, {{"parameter", name}}};
}

int64_t number_parameter(const httplib::Request& req, const std::string& name, int64_t fallback,
                         int64_t min, int64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw bad_parameter(
        name, "must be an integer in " + std::to_string(min) + ".." + std::to_string(max));
  }
  return value;
}

std::string text_parameter(const httplib::Request& req, const std::string& name) {
  std::string value = req.get_param_value(name);
  if (value.size() > kMaxFilterText) throw bad_parameter(name, "is too long");
  return value;
}

ActivityScope scope_of(const Principal& who) {
  switch (who.user.role) {
    case Role::operator_role:
      return {};
    case Role::owner:
      return {.gateway_owner_id = who.user.tenant_id, .tenant_id = std::nullopt};
    case Role::tenant:
      break;
  }
  return {.gateway_owner_id = std::nullopt, .tenant_id = who.user.tenant_id};
}

ActivityQuery activity_query(const Principal& who, const httplib::Request& req) {
  return {.scope = scope_of(who),
          .device = text_parameter(req, "device"),
          .tenant = text_parameter(req, "tenant"),
          .since_ms = number_parameter(req, "since_ms", 0, 0, INT64_MAX),
          .limit = static_cast<std::size_t>(
              number_parameter(req, "limit", 100, 1, static_cast<int64_t>(kMaxActivityLimit)))};
}

}  // namespace

void add_activity_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/events", [&api](const httplib::Request& req, httplib::Response& res) {
    const ActivityQuery q = activity_query(require_user(api.db, req), req);
    const auto events =
        sql::transact(api.db, [&](sql::Connection& c) { return read_events(c, q); });
    http::send_json(res, 200, {{"events", to_json_array(events)}});
  });
  server.Get("/api/v1/usage", [&api](const httplib::Request& req, httplib::Response& res) {
    const ActivityQuery q = activity_query(require_user(api.db, req), req);
    const auto usage = sql::transact(api.db, [&](sql::Connection& c) { return read_usage(c, q); });
    http::send_json(res, 200, {{"usage", to_json_array(usage)}});
  });
}

}  // namespace tc::platform
