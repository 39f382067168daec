// The shape the operator's collections share (tenants, users, gateways): GET lists every item as
// {"<key>": [...]}; POST takes a JSON body, checks it before touching the database, creates the
// item with its audit entry in one transaction (change.hpp) and answers 201 with the item.
// Only an operator's token gets past either route.
#pragma once

#include <httplib.h>

#include <string>
#include <utility>

#include "api/caller.hpp"
#include "api/change.hpp"
#include "api/identity_json.hpp"
#include "api/platform_api.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::platform {

// list(connection) -> a vector of items to_json_array() takes.
template <class List>
void add_operator_list(httplib::Server& server, const PlatformApi& api, const std::string& path,
                       std::string key, List list) {
  server.Get(path, [&api, key = std::move(key), list](const httplib::Request& req,
                                                      httplib::Response& res) {
    require_operator(require_user(api.db, req));
    const auto items = sql::transact(api.db, [&](sql::Connection& c) { return list(c); });
    http::send_json(res, 200, {{key, to_json_array(items)}});
  });
}

// parse(body JSON) -> the request, throwing a 400 HttpError naming the field;
// create(connection, caller, request, now_ms) -> the created item's JSON.
template <class Parse, class Create>
void add_operator_create(httplib::Server& server, const PlatformApi& api, const std::string& path,
                         Parse parse, Create create) {
  server.Post(
      path, http::with_body([&api, parse, create](const httplib::Request& req,
                                                  httplib::Response& res, const std::string& body) {
        const Principal me = require_user(api.db, req);
        require_operator(me);
        const auto asked = parse(http::request_json(req, body, false));
        const http::Json created =
            change(api.db, [&](sql::Connection& c) { return create(c, me, asked, now_ms()); });
        http::send_json(res, 201, created);
      }));
}

}  // namespace tc::platform
