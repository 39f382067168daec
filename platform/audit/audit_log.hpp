// The audit log (docs/platform.md): every change, who made it, when, to what. An entry is written
// on the same connection, inside the same transaction, as the change it records, so there is
// never a change without its entry, nor an entry for a change that rolled back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/connection.hpp"

namespace tc::platform {

struct AuditEntry {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string actor;                 // a user name, "gateway:NAME", or "platform" for its own work
  std::optional<int64_t> tenant_id;  // the tenant whose data changed, when there is one
  std::string action;                // e.g. "tenant.create", "token.revoke"
  std::string target;                // what it changed, e.g. "tenant acme", "token 12"
  std::string detail;                // a JSON object with the change's parameters
};

void record_audit(sql::Connection& c, const AuditEntry& entry);

struct AuditQuery {
  int64_t from_ms = 0;
  int64_t to_ms = INT64_MAX;
  std::optional<int64_t> tenant_id;  // only this tenant's entries
  std::size_t limit = 100;           // newest first
};

[[nodiscard]] std::vector<AuditEntry> read_audit(sql::Connection& c, const AuditQuery& query);

}  // namespace tc::platform
