#include "api/api_server.hpp"

#include <strings.h>
#include <sys/socket.h>

#include <exception>

#include "api/api_error.hpp"
#include "api/handler_support.hpp"
#include "api/routes.hpp"
#include "common/log.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr std::string_view kBearer = "Bearer ";
// Keep-alive connections serve many requests (benchmark clients reuse theirs).
constexpr std::size_t kRequestsPerConnection = 1000000;

// The bearer token of the request, or empty.
std::string_view bearer(const std::string& authorization) {
  if (authorization.size() <= kBearer.size() ||
      strncasecmp(authorization.c_str(), kBearer.data(), kBearer.size()) != 0) {
    return {};
  }
  return std::string_view(authorization).substr(kBearer.size());
}

}  // namespace

ApiServer::ApiServer(ApiContext context, ApiServerOptions options)
    : api_(context), options_(std::move(options)) {
  // httplib owns (and deletes) the task queue it gets from this factory: its interface takes a
  // raw pointer.
  server_.new_task_queue = [threads = options_.threads] {
    return new httplib::ThreadPool(threads);
  };
  server_.set_keep_alive_max_count(kRequestsPerConnection);
  server_.set_tcp_nodelay(true);
  // Only the listening socket goes through this hook; start() needs its descriptor. SO_REUSEADDR
  // rather than httplib's default SO_REUSEPORT, with which a second gateway on the same port would
  // bind too and silently share the connections.
  server_.set_socket_options([this](int sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  server_.set_payload_max_length(api_.limits.max_body);
  install_handlers();
  add_proxy_routes(server_, api_);
  add_event_routes(server_, api_);
  add_device_routes(server_, api_);
  add_container_routes(server_, api_);
  add_command_routes(server_, api_);
  add_token_routes(server_, api_);
  add_platform_routes(server_, api_);
}

ApiServer::~ApiServer() {
  stop();
}

void ApiServer::install_handlers() {
  server_.set_pre_routing_handler([this](const Request& req, Response& res) {
    if (req.path == "/api/v1/health") return HandlerResponse::Unhandled;
    const std::string authorization = req.get_header_value("Authorization");
    const std::string_view token = bearer(authorization);
    if (!token.empty() && api_.tokens.verify(token)) return HandlerResponse::Unhandled;
    res.set_header("WWW-Authenticate", "Bearer realm=\"tc-gateway\"");
    const ApiError e = authorization.empty()
                           ? ApiError(401, "missing_token",
                                      "this API needs an 'Authorization: Bearer <token>' header")
                           : ApiError(401, "invalid_token", "the bearer token is not valid");
    send_json(res, 401, e.body());
    return HandlerResponse::Handled;
  });
  // Statuses the HTTP layer sets without a body (unknown path, body too large...) get the same
  // JSON error as the handlers' own.
  server_.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return HandlerResponse::Unhandled;
    send_json(res, res.status, http_layer_error(res.status).body());
    return HandlerResponse::Handled;
  }));
  server_.set_exception_handler(
      [](const Request& req, Response& res, const std::exception_ptr& ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const ApiError& e) {
          send_json(res, e.status(), e.body());
        } catch (const std::exception& e) {
          log::error(req.method + " " + req.path + ": " + e.what());
          send_json(res, 500, error_body(500, "internal_error", e.what()));
        }
      });
}

std::string ApiServer::start() {
  if (options_.port == 0) {
    port_ = server_.bind_to_any_port(options_.host);
    if (port_ <= 0) return "cannot bind HTTP to " + options_.host + " (any port)";
  } else {
    if (!server_.bind_to_port(options_.host, options_.port)) {
      return "cannot bind HTTP to " + options_.host + ":" + std::to_string(options_.port);
    }
    port_ = options_.port;
  }
  // cpp-httplib 0.11 listens with a backlog of 5: a burst of clients connecting at once (a load
  // generator's 64 connections) overflows it, and the dropped SYNs come back only after TCP's 1 s
  // retransmission. Listening again on the same socket only raises the backlog.
  if (::listen(listen_fd_, SOMAXCONN) != 0) return "cannot listen on the HTTP socket";
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  return {};
}

void ApiServer::stop() {
  api_.events.close();
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tc::gw
