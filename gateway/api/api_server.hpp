// The HTTP side of tc-gateway: cpp-httplib serving the JSON API under /api/v1 on a pool of
// threads. A thread serves one connection at a time (keep-alive included) and waits on the
// device for a proxied request or a read, so the pool is sized for connections and requests in
// flight, not for cores; an event stream holds its thread for as long as it is open.
//
// Every route but GET /api/v1/health needs `Authorization: Bearer <token>` (TokenStore); every
// error is JSON (api_error.hpp), including the ones the HTTP layer makes itself (404 of an
// unknown path, 413 of a body over the limit).
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>
#include <thread>

#include "api/api_context.hpp"

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
  [[nodiscard]] std::string start();
  [[nodiscard]] int port() const { return port_; }
  // Ends every event stream (closes the event hub), then the server. Idempotent.
  void stop();

 private:
  void install_handlers();

  ApiContext api_;
  ApiServerOptions options_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  int listen_fd_ = -1;  // the listening socket, for its backlog (start())
};

}  // namespace tc::gw
