// The platform's first start (docs/platform.md "The process"): on a database without users it
// creates the `operator` tenant, its `admin` user with the operator role, and one token, whose
// secret is returned to be shown once. Any later start, or a replica starting at the same moment
// on the same database, finds the admin and creates nothing.
#pragma once

#include <optional>

#include "identity/identity.hpp"
#include "sql/database.hpp"

namespace tc::platform {

// The admin's token when this call created it; none when the platform was already set up.
[[nodiscard]] std::optional<IssuedToken> bootstrap_admin(sql::Database& db, int64_t now_ms);

}  // namespace tc::platform
