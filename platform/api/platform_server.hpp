// tc-platform's HTTP server: /api/v1 (platform_api.hpp) on host/http's HttpServer, every route but
// GET /api/v1/health behind a token. start(), port() and stop() are HttpServer's.
#pragma once

#include <cstddef>
#include <string>

#include "api/platform_api.hpp"
#include "http/http_server.hpp"

namespace tc::platform {

struct PlatformServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: an ephemeral port
  std::size_t threads = 32;
  std::size_t max_body = std::size_t{1} << 20;
};

class PlatformServer : public http::HttpServer {
 public:
  PlatformServer(sql::Database& db, PlatformServerOptions options);
  // Stops serving before the handlers' context goes.
  ~PlatformServer() { stop(); }
  PlatformServer(const PlatformServer&) = delete;
  PlatformServer& operator=(const PlatformServer&) = delete;

 private:
  PlatformApi api_;
};

}  // namespace tc::platform
