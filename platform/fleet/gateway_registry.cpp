#include "fleet/gateway_registry.hpp"

#include "identity/names.hpp"
#include "identity/token_secret.hpp"
#include "sql/sql_error.hpp"

namespace tc::platform {
namespace {

constexpr std::string_view kGatewayColumns =
    "SELECT g.id, g.name, t.name, t.id, g.created_ms, g.last_seen_ms "
    "FROM gateways g JOIN tenants t ON t.id = g.owner_tenant_id";

Gateway gateway_from(const sql::Result& r, std::size_t row) {
  return Gateway{
      .id = r.integer(row, 0),
      .name = r.text(row, 1),
      .owner = r.text(row, 2),
      .owner_id = r.integer(row, 3),
      .created_ms = r.integer(row, 4),
      .last_seen_ms = r.is_null(row, 5) ? std::nullopt : std::optional(r.integer(row, 5))};
}

}  // namespace

EnrolledGateway enroll_gateway(sql::Connection& c, std::string_view name, std::string_view owner,
                               int64_t now_ms) {
  if (const std::string why = check_name("gateway name", name); !why.empty()) {
    throw IdentityError(IdentityFailure::invalid, why);
  }
  const std::optional<Tenant> tenant = find_tenant(c, owner);
  if (!tenant) throw IdentityError(IdentityFailure::not_found, "no tenant " + std::string(owner));
  std::string token = new_token_secret();
  try {
    const sql::Result r = c.exec(
        "INSERT INTO gateways (name, owner_tenant_id, token_sha256, created_ms) "
        "VALUES (?, ?, ?, ?) RETURNING id",
        {std::string(name), tenant->id, token_hash(token), now_ms});
    return EnrolledGateway{.gateway = Gateway{.id = r.integer(0, 0),
                                              .name = std::string(name),
                                              .owner = tenant->name,
                                              .owner_id = tenant->id,
                                              .created_ms = now_ms,
                                              .last_seen_ms = std::nullopt},
                           .token = std::move(token)};
  } catch (const sql::Error& e) {
    if (e.kind() != sql::ErrorKind::constraint) throw;
    throw IdentityError(IdentityFailure::exists, "gateway " + std::string(name) + " exists");
  }
}

std::vector<Gateway> list_gateways(sql::Connection& c) {
  const sql::Result r = c.exec(std::string(kGatewayColumns) + " ORDER BY g.name");
  std::vector<Gateway> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(gateway_from(r, i));
  return out;
}

std::optional<Gateway> authenticate_gateway(sql::Connection& c, std::string_view secret) {
  if (!looks_like_token(secret)) return std::nullopt;
  const sql::Result r =
      c.exec(std::string(kGatewayColumns) + " WHERE g.token_sha256 = ? AND g.revoked_ms IS NULL",
             {token_hash(secret)});
  if (r.empty()) return std::nullopt;
  return gateway_from(r, 0);
}

void record_gateway_seen(sql::Connection& c, int64_t gateway_id, int64_t now_ms) {
  c.exec("UPDATE gateways SET last_seen_ms = ? WHERE id = ?", {now_ms, gateway_id});
}

}  // namespace tc::platform
