#include "api/identity_json.hpp"

namespace tc::platform {

http::Json to_json(const Tenant& t) {
  return {{"name", t.name}, {"display_name", t.display_name}, {"created_ms", t.created_ms}};
}

http::Json to_json(const User& u) {
  return {{"name", u.name},
          {"tenant", u.tenant},
          {"role", role_name(u.role)},
          {"created_ms", u.created_ms}};
}

http::Json to_json(const TokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"user", t.user},
          {"created_ms", t.created_ms},
          {"revoked_ms", t.revoked_ms ? http::Json(*t.revoked_ms) : http::Json()}};
}

http::Json to_json(const Gateway& g) {
  return {{"name", g.name},
          {"owner", g.owner},
          {"created_ms", g.created_ms},
          {"last_seen_ms", g.last_seen_ms ? http::Json(*g.last_seen_ms) : http::Json()}};
}

}  // namespace tc::platform
