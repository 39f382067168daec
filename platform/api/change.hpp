// A change a handler makes: one transaction (sql::transact, retried on conflicts) in which the
// change and its audit entry (audit()) commit together, with the identity layer's refusals turned
// into HTTP errors: invalid -> 400, exists -> 409, not_found -> 404.
#pragma once

#include <optional>
#include <string>

#include "http/http_error.hpp"
#include "http/json.hpp"
#include "identity/identity.hpp"
#include "sql/database.hpp"

namespace tc::platform {

[[nodiscard]] http::HttpError identity_http_error(const IdentityError& e);

// The audit entry of a change `who` made at `at_ms`; `detail` is the changed thing's JSON.
void audit(sql::Connection& c, const Principal& who, int64_t at_ms,
           std::optional<int64_t> tenant_id, std::string action, std::string target,
           const http::Json& detail);

template <class Fn>
auto change(sql::Database& db, Fn&& fn) {
  try {
    return sql::transact(db, std::forward<Fn>(fn));
  } catch (const IdentityError& e) {
    throw identity_http_error(e);
  }
}

}  // namespace tc::platform
