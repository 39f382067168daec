#include "fleet/activity_query.hpp"

#include <algorithm>

namespace tc::platform {
namespace {

// The WHERE clause a query and its scope make over a table aliased `a` with columns gateway_id,
// device, tenant_id and the time column `at`, with its parameters in order.
struct Filter {
  std::string where;
  std::vector<sql::Value> params;

  void add(std::string condition, sql::Value value) {
    where += " AND " + std::move(condition);
    params.push_back(std::move(value));
  }
};

Filter filter(const ActivityQuery& q, std::string_view at) {
  Filter f{.where = " WHERE a." + std::string(at) + " >= ?", .params = {q.since_ms}};
  if (q.scope.gateway_owner_id) {
    f.add("a.gateway_id IN (SELECT id FROM gateways WHERE owner_tenant_id = ?)",
          *q.scope.gateway_owner_id);
  }
  if (q.scope.tenant_id) f.add("a.tenant_id = ?", *q.scope.tenant_id);
  if (!q.device.empty()) f.add("a.device = ?", q.device);
  return f;
}

// The newest `limit` rows of `select` (ordered newest first by `at` and id), oldest first.
sql::Result newest(sql::Connection& c, const std::string& select, Filter f, std::string_view at,
                   std::size_t limit) {
  const int64_t bounded =
      static_cast<int64_t>(std::clamp<std::size_t>(limit, 1, kMaxActivityLimit));
  f.params.emplace_back(bounded);
  return c.run(select + f.where + " ORDER BY a." + std::string(at) + " DESC, a.id DESC LIMIT ?",
               f.params);
}

}  // namespace

std::vector<StoredEvent> read_events(sql::Connection& c, const ActivityQuery& q) {
  const sql::Result r = newest(c,
                               "SELECT a.id, g.name, a.item_id, a.device, a.type, a.at_ms, a.data "
                               "FROM events a JOIN gateways g ON g.id = a.gateway_id",
                               filter(q, "at_ms"), "at_ms", q.limit);
  std::vector<StoredEvent> out;
  out.reserve(r.size());
  for (std::size_t i = r.size(); i-- > 0;) {
    out.push_back({.id = r.integer(i, 0),
                   .gateway = r.text(i, 1),
                   .item_id = r.integer(i, 2),
                   .device = r.text(i, 3),
                   .type = r.text(i, 4),
                   .at_ms = r.integer(i, 5),
                   .data = r.text(i, 6)});
  }
  return out;
}

std::vector<StoredUsage> read_usage(sql::Connection& c, const ActivityQuery& q) {
  Filter f = filter(q, "to_ms");
  if (!q.tenant.empty()) f.add("a.tenant = ?", q.tenant);
  const sql::Result r =
      newest(c,
             "SELECT a.id, g.name, a.item_id, a.device, a.container, a.tenant, a.from_ms, "
             "a.to_ms, a.activations, a.instructions, a.cpu_us, a.endpoint_calls, a.bytes_read, "
             "a.bytes_written, a.energy_uj FROM usage a JOIN gateways g ON g.id = a.gateway_id",
             std::move(f), "to_ms", q.limit);
  std::vector<StoredUsage> out;
  out.reserve(r.size());
  for (std::size_t i = r.size(); i-- > 0;) {
    out.push_back({.id = r.integer(i, 0),
                   .gateway = r.text(i, 1),
                   .usage = {.item_id = r.integer(i, 2),
                             .device = r.text(i, 3),
                             .container = r.text(i, 4),
                             .tenant = r.text(i, 5),
                             .from_ms = r.integer(i, 6),
                             .to_ms = r.integer(i, 7),
                             .activations = r.integer(i, 8),
                             .instructions = r.integer(i, 9),
                             .cpu_us = r.integer(i, 10),
                             .endpoint_calls = r.integer(i, 11),
                             .bytes_read = r.integer(i, 12),
                             .bytes_written = r.integer(i, 13),
                             .energy_uj = r.integer(i, 14)}});
  }
  return out;
}

}  // namespace tc::platform
