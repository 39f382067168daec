// A JSON HTTP service on cpp-httplib, the one every host program serves its API with (tc-gateway,
// tc-platform). A pool of threads serves the connections; a thread serves one connection at a
// time (keep-alive included), so the pool is sized for connections and requests in flight, not
// for cores.
//
// Every path but the public ones needs `Authorization: Bearer <token>`, which the authenticate
// hook accepts or refuses (401 missing_token / invalid_token, with WWW-Authenticate). Every error
// is JSON (http_error.hpp): the handlers' HttpError, the ones the HTTP layer makes itself (404 of
// an unknown path, 413 of a body over the limit), and 500 for any other exception.
//
//   HttpServer http({.port = 0, .realm = "tc-platform", .authenticate = check});
//   http.server().Get("/api/v1/x", handler);
//   if (std::string error = http.start(); !error.empty()) ...
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tc::http {

// Whether a request's bearer token (never empty) lets it in.
using Authenticator = std::function<bool(const httplib::Request&, std::string_view token)>;
// Where an unexpected exception is reported (one line, already naming method and path).
using ErrorLog = std::function<void(std::string_view line)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: an ephemeral port, see HttpServer::port()
  std::size_t threads = 128;
  std::size_t max_body = std::size_t{1} << 20;  // larger request bodies: 413
  std::string realm = "api";                    // of WWW-Authenticate
  std::vector<std::string> public_paths;        // served without a token
  Authenticator authenticate;                   // unset: every token is refused
  ErrorLog log_error;                           // unset: stderr
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Where routes are added, before start().
  [[nodiscard]] httplib::Server& server() { return server_; }

  // Binds and serves on a thread of its own; a readable error when it cannot bind.
  [[nodiscard]] std::string start();
  [[nodiscard]] int port() const { return port_; }
  // Ends the server and waits for its thread. Idempotent.
  void stop();

 private:
  void install_handlers();
  [[nodiscard]] bool authorized(const httplib::Request& req, httplib::Response& res) const;
  void report(std::string_view line) const;

  HttpServerOptions options_;
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> listening_done_ = false;  // the serving thread's loop has ended
  int port_ = 0;
  int listen_fd_ = -1;  // the listening socket, for its backlog (start())
};

}  // namespace tc::http
