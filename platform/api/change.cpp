#include "api/change.hpp"

#include "audit/audit_log.hpp"

namespace tc::platform {

http::HttpError identity_http_error(const IdentityError& e) {
  switch (e.failure()) {
    case IdentityFailure::invalid:
      return {400, "invalid", e.what()};
    case IdentityFailure::exists:
      return {409, "exists", e.what()};
    case IdentityFailure::not_found:
      break;
  }
  return {404, "not_found", e.what()};
}

void audit(sql::Connection& c, const Principal& who, int64_t at_ms,
           std::optional<int64_t> tenant_id, std::string action, std::string target,
           const http::Json& detail) {
  record_audit(c, {.at_ms = at_ms,
                   .actor = who.user.name,
                   .tenant_id = tenant_id,
                   .action = std::move(action),
                   .target = std::move(target),
                   .detail = detail.dump()});
}

}  // namespace tc::platform
