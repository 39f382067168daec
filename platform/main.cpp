// tc-platform: TinyContainer-as-a-Service (docs/platform.md).
//
//   tc-platform [--db URL] [--http HOST:PORT] [--state DIR] [-v]
//
// Opens the database (SQLite by default, DIR/platform.db; or PostgreSQL, shared by replicas),
// brings its schema up to date, creates the first admin on an empty database (its token printed
// once on stderr and written to DIR/admin.token), and serves /api/v1 (platform/api). Prints
// "listening on http://HOST:PORT" on stdout when serving; SIGINT/SIGTERM stop it cleanly.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "api/caller.hpp"
#include "api/platform_server.hpp"
#include "identity/bootstrap.hpp"
#include "log/log.hpp"
#include "process/state_dir.hpp"
#include "process/stop_signals.hpp"
#include "sql/migrations.hpp"
#include "store/schema.hpp"

namespace {

using namespace tc::platform;

struct Settings {
  std::string db;  // empty: sqlite:STATE/platform.db
  std::string http = "127.0.0.1:8443";
  std::string state = "/var/lib/tc-platform";
  int verbosity = 0;
};

struct HttpAddress {
  std::string host;
  int port = 0;
};

// "HOST:PORT", PORT 0..65535 (0: an ephemeral port).
std::optional<HttpAddress> parse_http(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  HttpAddress out{.host = text.substr(0, colon), .port = 0};
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, out.port);
  if (first == last || ec != std::errc() || end != last || out.port < 0 || out.port > 65535) {
    return std::nullopt;
  }
  return out;
}

void bootstrap(sql::Database& db, const std::filesystem::path& state) {
  const std::optional<IssuedToken> admin = bootstrap_admin(db, now_ms());
  if (!admin) return;
  write_secret_file(admin_token_path(state), admin->secret);
  std::fprintf(stderr, "tc-platform: admin API token (shown once; also in %s): %s\n",
               admin_token_path(state).c_str(), admin->secret.c_str());
}

int run(const Settings& s, const HttpAddress& http) {
  const tc::process::StopSignals stop_signals;
  prepare_state_dir(s.state);
  const std::string url = s.db.empty() ? "sqlite:" + default_database(s.state).string() : s.db;
  const std::unique_ptr<sql::Database> db = sql::open_database(url);
  (void)sql::migrate(*db, schema_steps());
  tc::log::info("database " + db->name());
  bootstrap(*db, s.state);
  PlatformServerOptions options;
  options.host = http.host;
  options.port = http.port;
  PlatformServer server(*db, options);
  if (const std::string error = server.start(); !error.empty()) {
    tc::log::error(error);
    return 1;
  }
  std::printf("listening on http://%s:%d\n", http.host.c_str(), server.port());
  std::fflush(stdout);
  tc::log::info(std::string("stopping on ") + stop_signals.wait());
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tc-platform: TinyContainer-as-a-Service"};
  Settings s;
  app.add_option("--db", s.db,
                 "database URL: sqlite:PATH or postgresql://... (default: "
                 "sqlite:STATE/platform.db)");
  app.add_option("--http", s.http, "HTTP address HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--state", s.state, "state directory (created 0700)")->capture_default_str();
  app.add_flag("-v,--verbose", s.verbosity, "log more (-vv: debug)");
  CLI11_PARSE(app, argc, argv);
  tc::log::set_program("tc-platform");
  tc::log::set_verbosity(s.verbosity);
  const std::optional<HttpAddress> http = parse_http(s.http);
  if (!http) {
    tc::log::error("--http: '" + s.http + "' is not HOST:PORT");
    return 2;
  }
  try {
    return run(s, *http);
  } catch (const std::exception& e) {
    tc::log::error(e.what());
    return 1;
  }
}
