// The HTTP side of tc-gateway: the JSON API under /api/v1, served by host/http's HttpServer. A
// thread serves one connection at a time and waits on the device for a proxied request or a read,
// so the pool is sized for connections and requests in flight, not for cores; an event stream
// holds its thread for as long as it is open.
//
// Every route but GET /api/v1/health needs `Authorization: Bearer <token>` (TokenStore); every
// error is JSON (api_error.hpp), including the ones the HTTP layer makes itself (404 of an
// unknown path, 413 of a body over the limit).
#pragma once

#include <cstddef>
#include <string>

#include "api/api_context.hpp"
#include "http/http_server.hpp"

namespace tc::gw {

struct ApiServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: an ephemeral port, see port()
  std::size_t threads = 128;
};

class ApiServer {
 public:
  ApiServer(ApiContext context, ApiServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and serves on a thread of its own; a readable error when it cannot bind.
  [[nodiscard]] std::string start() { return http_.start(); }
  [[nodiscard]] int port() const { return http_.port(); }
  // Ends every event stream (closes the event hub), then the server. Idempotent.
  void stop();

 private:
  ApiContext api_;
  http::HttpServer http_;
};

}  // namespace tc::gw
