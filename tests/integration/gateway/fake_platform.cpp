// fake_platform: a stand-in for tc-platform's gateway API (docs/api/platform-link.md) for the
// gateway_platform integration test.
//
//   fake_platform TOKEN DESIRED_FILE ENVELOPE_DIR OUT_DIR
//
// Serves the desired state from DESIRED_FILE (read at each request; ETag: its "revision"; 304 on
// a matching If-None-Match) and envelopes from ENVELOPE_DIR/<sha256>; writes the last state
// pushed to OUT_DIR/state.json and every event item it stores, once per id, as a JSON line to
// OUT_DIR/items.jsonl. While OUT_DIR/down exists, POST events answers 503. Prints
// "http on 127.0.0.1:PORT" when listening; SIGTERM ends it.
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace {

using Json = nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Platform {
  std::string token;
  std::filesystem::path desired;
  std::filesystem::path envelopes;
  std::filesystem::path out;
  std::mutex mutex;
  std::set<int64_t> stored;

  bool authorized(const httplib::Request& req, httplib::Response& res) const {
    if (req.get_header_value("Authorization") == "Bearer " + token) return true;
    res.status = 401;
    res.set_content(R"({"error":{"status":401,"code":"unauthorized","message":"unknown token"}})",
                    "application/json");
    return false;
  }

  void get_desired(const httplib::Request& req, httplib::Response& res) const {
    const std::string text = read_file(desired);
    const Json doc = Json::parse(text, nullptr, false);
    const std::string revision =
        doc.is_object() && doc.contains("revision") ? doc["revision"].dump() : "\"\"";
    if (req.get_header_value("If-None-Match") == revision) {
      res.status = 304;
      return;
    }
    res.set_header("ETag", revision);
    res.set_content(text, "application/json");
  }

  void post_events(const httplib::Request& req, httplib::Response& res) {
    if (std::filesystem::exists(out / "down")) {
      res.status = 503;
      return;
    }
    const Json body = Json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body["items"].is_array()) {
      res.status = 400;
      return;
    }
    const std::lock_guard lock(mutex);
    std::ofstream items(out / "items.jsonl", std::ios::app);
    int64_t ack = 0;
    for (const Json& item : body["items"]) {
      const int64_t id = item["id"].get<int64_t>();
      if (stored.insert(id).second) items << item.dump() << '\n';
      ack = std::max(ack, id);
    }
    res.set_content(Json{{"ack", ack}}.dump(), "application/json");
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: fake_platform TOKEN DESIRED_FILE ENVELOPE_DIR OUT_DIR\n");
    return 2;
  }
  Platform p{argv[1], argv[2], argv[3], argv[4], {}, {}};
  httplib::Server server;
  server.Get("/api/v1/gateway/desired", [&](const httplib::Request& req, httplib::Response& res) {
    if (p.authorized(req, res)) p.get_desired(req, res);
  });
  server.Get(R"(/api/v1/gateway/envelopes/([0-9a-f]{64}))",
             [&](const httplib::Request& req, httplib::Response& res) {
               if (!p.authorized(req, res)) return;
               const std::filesystem::path file = p.envelopes / req.matches[1].str();
               if (!std::filesystem::exists(file)) {
                 res.status = 404;
                 return;
               }
               res.set_content(read_file(file), "application/suit-envelope+cose");
             });
  server.Put("/api/v1/gateway/state", [&](const httplib::Request& req, httplib::Response& res) {
    if (!p.authorized(req, res)) return;
    const std::lock_guard lock(p.mutex);
    const std::filesystem::path tmp = p.out / "state.json.tmp";
    std::ofstream(tmp) << req.body;
    std::filesystem::rename(tmp, p.out / "state.json");
    res.status = 204;
  });
  server.Post("/api/v1/gateway/events", [&](const httplib::Request& req, httplib::Response& res) {
    if (p.authorized(req, res)) p.post_events(req, res);
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  std::printf("http on 127.0.0.1:%d\n", port);
  std::fflush(stdout);
  return server.listen_after_bind() ? 0 : 1;
}
