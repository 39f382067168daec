#include "api/api_server.hpp"

#include "api/routes.hpp"
#include "common/log.hpp"

namespace tc::gw {
namespace {

http::HttpServerOptions http_options(const ApiContext& api, ApiServerOptions options) {
  return {.host = std::move(options.host),
          .port = options.port,
          .threads = options.threads,
          .max_body = api.limits.max_body,
          .realm = "tc-gateway",
          .public_paths = {"/api/v1/health"},
          .authenticate = [&tokens = api.tokens](
                              const httplib::Request&,
                              std::string_view token) { return tokens.verify(token).has_value(); },
          .log_error = [](std::string_view line) { log::error(line); }};
}

}  // namespace

ApiServer::ApiServer(ApiContext context, ApiServerOptions options)
    : api_(context), http_(http_options(api_, std::move(options))) {
  httplib::Server& server = http_.server();
  add_proxy_routes(server, api_);
  add_event_routes(server, api_);
  add_device_routes(server, api_);
  add_container_routes(server, api_);
  add_command_routes(server, api_);
  add_token_routes(server, api_);
  add_platform_routes(server, api_);
}

ApiServer::~ApiServer() {
  stop();
}

void ApiServer::stop() {
  api_.events.close();
  http_.stop();
}

}  // namespace tc::gw
