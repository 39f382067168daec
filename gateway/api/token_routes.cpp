#include "api/api_error.hpp"
#include "api/handler_support.hpp"
#include "api/request_parsing.hpp"
#include "api/routes.hpp"

namespace tc::gw {

using httplib::Request;
using httplib::Response;

void add_token_routes(httplib::Server& server, const ApiContext& api) {
  server.Get("/api/v1/tokens", [&api](const Request&, Response& res) {
    Json tokens = Json::array();
    for (const TokenInfo& t : api.tokens.list())
      tokens.push_back(to_json(t));
    send_json(res, 200, {{"tokens", std::move(tokens)}});
  });
  // The secret is in this answer and nowhere else, ever.
  server.Post("/api/v1/tokens",
              with_body([&api](const Request& req, Response& res, const std::string& body) {
                const std::string name =
                    token_name(json_body(req.get_header_value("Content-Type"), body, true));
                const NewToken token = api.tokens.create(name);
                Json out = to_json(token.info);
                out["token"] = token.secret;
                send_json(res, 201, out);
              }));
  server.Delete(R"(/api/v1/tokens/([^/]+))", [&api](const Request& req, Response& res) {
    const std::string id = req.matches[1].str();
    if (!api.tokens.remove(id)) {
      throw ApiError(404, "token_not_found", "no token '" + id.substr(0, 32) + "'");
    }
    res.status = 204;
  });
}

}  // namespace tc::gw
