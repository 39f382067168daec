#include "fleet/gateway_items.hpp"

#include "identity/identity.hpp"

namespace tc::platform {
namespace {

sql::Value tenant_id_of(sql::Connection& c, const std::string& tenant) {
  if (tenant.empty()) return {};
  if (const std::optional<Tenant> t = find_tenant(c, tenant)) return t->id;
  return {};
}

// Each returns whether the item was new; an id already stored is left as it was.
bool store(sql::Connection& c, int64_t gateway_id, const EventItem& e) {
  return c.exec(
              "INSERT INTO events (gateway_id, item_id, device, tenant_id, type, at_ms, data) "
              "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway_id, item_id) DO NOTHING",
              {gateway_id, e.item_id, e.device, tenant_id_of(c, e.tenant), e.type, e.at_ms, e.data})
             .affected() == 1;
}

bool store(sql::Connection& c, int64_t gateway_id, const UsageItem& u) {
  return c.exec(
              "INSERT INTO usage (gateway_id, item_id, device, tenant_id, tenant, container, "
              "from_ms, to_ms, activations, instructions, cpu_us, endpoint_calls, bytes_read, "
              "bytes_written, energy_uj) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (gateway_id, item_id) DO NOTHING",
              {gateway_id, u.item_id, u.device, tenant_id_of(c, u.tenant), u.tenant, u.container,
               u.from_ms, u.to_ms, u.activations, u.instructions, u.cpu_us, u.endpoint_calls,
               u.bytes_read, u.bytes_written, u.energy_uj})
             .affected() == 1;
}

}  // namespace

std::size_t store_gateway_items(sql::Connection& c, int64_t gateway_id,
                                std::span<const GatewayItem> items) {
  std::size_t stored = 0;
  for (const GatewayItem& item : items) {
    const bool fresh = std::visit([&](const auto& one) { return store(c, gateway_id, one); }, item);
    stored += fresh ? 1 : 0;
  }
  return stored;
}

}  // namespace tc::platform
