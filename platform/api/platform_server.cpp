#include "api/platform_server.hpp"

#include "api/caller.hpp"
#include "log/log.hpp"

namespace tc::platform {
namespace {

http::HttpServerOptions http_options(sql::Database& db, PlatformServerOptions options) {
  return {.host = std::move(options.host),
          .port = options.port,
          .threads = options.threads,
          .max_body = options.max_body,
          .realm = "tc-platform",
          .public_paths = {"/api/v1/health"},
          .authenticate = [&db](const httplib::Request&,
                                std::string_view token) { return token_is_known(db, token); },
          .log_error = [](std::string_view line) { log::error(line); }};
}

}  // namespace

PlatformServer::PlatformServer(sql::Database& db, PlatformServerOptions options)
    : http::HttpServer(http_options(db, std::move(options))), api_{db} {
  httplib::Server& server = this->server();
  add_health_routes(server, api_);
  add_tenant_routes(server, api_);
  add_user_routes(server, api_);
  add_token_routes(server, api_);
  add_gateway_routes(server, api_);
  add_link_routes(server, api_);
  add_device_routes(server, api_);
  add_activity_routes(server, api_);
}

}  // namespace tc::platform
