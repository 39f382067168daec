#include "audit/audit_log.hpp"

namespace tc::platform {

void record_audit(sql::Connection& c, const AuditEntry& entry) {
  c.exec(
      "INSERT INTO audit (at_ms, actor, tenant_id, action, target, detail) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {entry.at_ms, entry.actor,
       entry.tenant_id ? sql::Value(*entry.tenant_id) : sql::Value(std::monostate{}), entry.action,
       entry.target, entry.detail.empty() ? std::string("{}") : entry.detail});
}

std::vector<AuditEntry> read_audit(sql::Connection& c, const AuditQuery& query) {
  std::string sql =
      "SELECT id, at_ms, actor, tenant_id, action, target, detail FROM audit "
      "WHERE at_ms >= ? AND at_ms <= ?";
  std::vector<sql::Value> params{query.from_ms, query.to_ms};
  if (query.tenant_id) {
    sql += " AND tenant_id = ?";
    params.emplace_back(*query.tenant_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit));
  const sql::Result r = c.run(sql, params);
  std::vector<AuditEntry> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back(
        AuditEntry{.id = r.integer(i, 0),
                   .at_ms = r.integer(i, 1),
                   .actor = r.text(i, 2),
                   .tenant_id = r.is_null(i, 3) ? std::nullopt : std::optional(r.integer(i, 3)),
                   .action = r.text(i, 4),
                   .target = r.text(i, 5),
                   .detail = r.text(i, 6)});
  }
  return out;
}

}  // namespace tc::platform
