#include "http/http_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

#include "http/bearer_token.hpp"
#include "http/http_error.hpp"
#include "http/json_response.hpp"

namespace tc::http {
namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

// Keep-alive connections serve many requests (benchmark clients reuse theirs).
constexpr std::size_t kRequestsPerConnection = 1000000;

}  // namespace

HttpServer::HttpServer(HttpServerOptions options) : options_(std::move(options)) {
  // httplib owns (and deletes) the task queue it gets from this factory: its interface takes a
  // raw pointer.
  server_.new_task_queue = [threads = options_.threads] {
    return new httplib::ThreadPool(threads);
  };
  server_.set_keep_alive_max_count(kRequestsPerConnection);
  server_.set_tcp_nodelay(true);
  // Only the listening socket goes through this hook; start() needs its descriptor. SO_REUSEADDR
  // rather than httplib's default SO_REUSEPORT, with which a second server on the same port would
  // bind too and silently share the connections.
  server_.set_socket_options([this](int sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  server_.set_payload_max_length(options_.max_body);
  install_handlers();
}

HttpServer::~HttpServer() {
  stop();
}

bool HttpServer::authorized(const Request& req, Response& res) const {
  if (std::ranges::find(options_.public_paths, req.path) != options_.public_paths.end()) {
    return true;
  }
  const std::string authorization = req.get_header_value("Authorization");
  const std::string_view token = bearer_token(authorization);
  if (!token.empty() && options_.authenticate && options_.authenticate(req, token)) return true;
  res.set_header("WWW-Authenticate", "Bearer realm=\"" + options_.realm + "\"");
  const HttpError e = authorization.empty()
                          ? HttpError(401, "missing_token",
                                      "this API needs an 'Authorization: Bearer <token>' header")
                          : HttpError(401, "invalid_token", "the bearer token is not valid");
  send_json(res, 401, e.body());
  return false;
}

void HttpServer::report(std::string_view line) const {
  if (options_.log_error) {
    options_.log_error(line);
  } else {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
  }
}

void HttpServer::install_handlers() {
  server_.set_pre_routing_handler([this](const Request& req, Response& res) {
    return authorized(req, res) ? HandlerResponse::Unhandled : HandlerResponse::Handled;
  });
  // Statuses the HTTP layer sets without a body (unknown path, body too large...) get the same
  // JSON error as the handlers' own.
  server_.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return HandlerResponse::Unhandled;
    send_json(res, res.status, http_layer_error(res.status).body());
    return HandlerResponse::Handled;
  }));
  server_.set_exception_handler(
      [this](const Request& req, Response& res, const std::exception_ptr& ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const HttpError& e) {
          send_json(res, e.status(), e.body());
        } catch (const std::exception& e) {
          report(req.method + " " + req.path + ": " + e.what());
          send_json(res, 500, error_body(500, "internal_error", e.what()));
        }
      });
}

std::string HttpServer::start() {
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
  listening_done_ = false;
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listening_done_ = true;
  });
  // httplib's stop() does nothing until its loop runs: a stop() right after start() would leave
  // the loop running and stop()'s join waiting forever.
  while (!server_.is_running() && !listening_done_)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return {};
}

void HttpServer::stop() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tc::http
