#include <charconv>

#include "api/caller.hpp"
#include "api/change.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "api/request_bodies.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::platform {
namespace {

// 404 alike for a token that is not a number, not there, or another user's: a user must not
// learn which token ids exist.
http::HttpError no_such_token(std::string_view id) {
  return {404, "token_not_found", "no token '" + std::string(id.substr(0, 32)) + "'"};
}

int64_t token_id(std::string_view text) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) throw no_such_token(text);
  return id;
}

// Whether `id` is one of `user`'s tokens, not yet revoked.
bool holds_live_token(sql::Connection& c, std::string_view user, int64_t id) {
  for (const TokenInfo& t : list_tokens(c, user)) {
    if (t.id == id) return !t.revoked_ms;
  }
  return false;
}

}  // namespace

void add_token_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get("/api/v1/tokens", [&api](const httplib::Request& req, httplib::Response& res) {
    const Principal me = require_user(api.db, req);
    const auto tokens =
        sql::transact(api.db, [&](sql::Connection& c) { return list_tokens(c, me.user.name); });
    http::send_json(res, 200, {{"tokens", to_json_array(tokens)}});
  });
  // The secret is in this answer and nowhere else, ever.
  server.Post("/api/v1/tokens",
              http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
                const Principal me = require_user(api.db, req);
                const std::string name = token_request(http::request_json(req, body, true));
                const IssuedToken issued = change(api.db, [&](sql::Connection& c) {
                  const int64_t now = now_ms();
                  IssuedToken t = issue_token(c, me.user.name, name, now);
                  audit(c, me, now, me.user.tenant_id, "token.create",
                        "token " + std::to_string(t.info.id), to_json(t.info));
                  return t;
                });
                http::Json out = to_json(issued.info);
                out["token"] = issued.secret;
                http::send_json(res, 201, out);
              }));
  server.Delete(R"(/api/v1/tokens/([^/]+))",
                [&api](const httplib::Request& req, httplib::Response& res) {
                  const Principal me = require_user(api.db, req);
                  const std::string text = req.matches[1].str();
                  const int64_t id = token_id(text);
                  const bool revoked = change(api.db, [&](sql::Connection& c) {
                    if (!holds_live_token(c, me.user.name, id)) return false;
                    const int64_t now = now_ms();
                    revoke_token(c, id, now);
                    audit(c, me, now, me.user.tenant_id, "token.revoke",
                          "token " + std::to_string(id), http::Json::object());
                    return true;
                  });
                  if (!revoked) throw no_such_token(text);
                  res.status = 204;
                });
}

}  // namespace tc::platform
