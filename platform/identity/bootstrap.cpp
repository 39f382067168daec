#include "identity/bootstrap.hpp"

#include "audit/audit_log.hpp"

namespace tc::platform {

std::optional<IssuedToken> bootstrap_admin(sql::Database& db, int64_t now_ms) {
  return sql::transact(db, [&](sql::Connection& c) -> std::optional<IssuedToken> {
    if (c.exec("SELECT count(*) FROM users").scalar().value_or(0) > 0) return std::nullopt;
    const Tenant tenant = create_tenant(c, "operator", "Platform operator", now_ms);
    create_user(c, tenant.name, "admin", Role::operator_role, now_ms);
    IssuedToken token = issue_token(c, "admin", "bootstrap", now_ms);
    record_audit(
        c, AuditEntry{.at_ms = now_ms,
                      .actor = "platform",
                      .tenant_id = tenant.id,
                      .action = "platform.bootstrap",
                      .target = "user admin",
                      .detail = R"({"tenant":"operator","user":"admin","token":"bootstrap"})"});
    return token;
  });
}

}  // namespace tc::platform
