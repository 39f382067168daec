// The HTTP API end to end in one process: the real ApiServer on an ephemeral port, an
// httplib::Client, the service over a temporary database, and a fake device link whose answers
// each test sets.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "api/api_server.hpp"
#include "dev/cbor_json.hpp"
#include "gateway_test_support.hpp"
#include "service/gateway_service.hpp"

namespace tc::gw {
namespace {

using test::cbor;
using test::FakeLink;
using test::registration;
using test::SentRequest;

constexpr uint8_t kCreated = 0x41;
constexpr uint8_t kChanged = 0x44;
constexpr uint8_t kContent = 0x45;
constexpr uint8_t kForbidden = 0x83;
constexpr uint8_t kNotFound = 0x84;
constexpr uint8_t kPreconditionFailed = 0x8c;

CoapOutcome cbor_reply(uint8_t code, const Json& json) {
  return test::reply(code, cbor(json), kFormatCbor);
}

class GatewayApi : public ::testing::Test {
 protected:
  GatewayApi() {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    ServiceOptions options;
    options.commands.retry.initial = std::chrono::milliseconds(5);
    service_ = std::make_unique<GatewayService>(*db_, options);
    service_->start(link_);
    ApiLimits limits;
    limits.keep_alive = std::chrono::milliseconds(100);
    limits.max_body = 4096;
    limits.device_timeout = std::chrono::milliseconds(500);
    server_ = std::make_unique<ApiServer>(
        ApiContext{service_->devices(), service_->commands(), service_->events(),
                   service_->tokens(), link_, limits},
        ApiServerOptions{"127.0.0.1", 0, 16});
    EXPECT_EQ(server_->start(), "");
    token_ = service_->tokens().create("test").secret;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
    client_->set_bearer_token_auth(token_);
  }
  ~GatewayApi() override {
    server_->stop();
    service_->stop();
  }

  void online(const std::string& id, const std::string& base = "coap://127.0.0.1:5701") {
    service_->on_registered(registration(id, base), false);
    service_->drain();
  }
  void known_but_offline(const std::string& id) {
    online(id);
    service_->on_unregistered(id, Unregistered::expired);
    service_->drain();
  }
  // Answers GET /dev, and what `other` says for the rest.
  void respond(std::function<CoapOutcome(const SentRequest&)> other) {
    link_.set_responder(
        [other = std::move(other)](const SentRequest& s) -> std::optional<CoapOutcome> {
          if (s.request.path == "/dev")
            return cbor_reply(kContent, {{"id", "d1"}, {"model", "sim"}});
          return other(s);
        });
  }
  static Json json(const httplib::Result& r) {
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << r->body;
    return Json::parse(r->body, nullptr, false);
  }
  // The status and the error code of a JSON error answer.
  static std::pair<int, std::string> error(const httplib::Result& r) {
    const Json body = json(r);
    return {r ? r->status : 0, body.is_object() ? body["error"].value("code", "") : ""};
  }

  test::TempDir dir_;
  FakeLink link_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

TEST_F(GatewayApi, EveryRouteButHealthNeedsAToken) {
  httplib::Client anonymous("127.0.0.1", server_->port());
  const auto health = anonymous.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  const auto missing = anonymous.Get("/api/v1/devices");
  EXPECT_EQ(error(missing), std::make_pair(401, std::string("missing_token")));
  EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer realm=\"tc-gateway\"");
  anonymous.set_bearer_token_auth("tcg_" + std::string(64, '0'));
  EXPECT_EQ(error(anonymous.Get("/api/v1/devices")),
            std::make_pair(401, std::string("invalid_token")));
  EXPECT_EQ(error(anonymous.Get("/api/v1/events")).first, 401);
  EXPECT_EQ(client_->Get("/api/v1/devices")->status, 200);
}

TEST_F(GatewayApi, UnknownPathsAreJson404) {
  EXPECT_EQ(error(client_->Get("/api/v1/nothing")), std::make_pair(404, std::string("not_found")));
  EXPECT_EQ(error(client_->Get("/elsewhere")).first, 404);
}

TEST_F(GatewayApi, DevicesAreListedWithTheirState) {
  online("d1");
  known_but_offline("d2");
  const Json all = json(client_->Get("/api/v1/devices"));
  ASSERT_EQ(all["devices"].size(), 2u);
  EXPECT_EQ(all["devices"][0]["id"], "d1");
  EXPECT_EQ(all["devices"][0]["online"], true);
  EXPECT_EQ(all["devices"][0]["address"], "coap://127.0.0.1:5701");
  EXPECT_EQ(all["devices"][0]["lifetime_s"], 60);
  EXPECT_TRUE(all["devices"][0].contains("registered_at"));
  EXPECT_TRUE(all["devices"][0].contains("last_seen"));
  EXPECT_EQ(all["devices"][1]["online"], false);
  EXPECT_EQ(json(client_->Get("/api/v1/devices?online=true"))["devices"].size(), 1u);
  EXPECT_EQ(error(client_->Get("/api/v1/devices?online=perhaps")).first, 400);
}

TEST_F(GatewayApi, ADeviceWithItsOwnInfo) {
  respond([](const SentRequest&) { return test::reply(kNotFound); });
  online("d1");
  known_but_offline("d2");
  const Json d1 = json(client_->Get("/api/v1/devices/d1"));
  EXPECT_EQ(d1["info"]["model"], "sim");
  EXPECT_EQ(d1["links"], "</dev>;rt=tc.dev");
  const Json d2 = json(client_->Get("/api/v1/devices/d2"));
  EXPECT_EQ(d2["online"], false);
  EXPECT_FALSE(d2.contains("info"));
  EXPECT_EQ(error(client_->Get("/api/v1/devices/nobody")),
            std::make_pair(404, std::string("device_not_found")));
}

TEST_F(GatewayApi, ReadsOfAnOfflineDeviceAre503) {
  known_but_offline("d2");
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d2/resources")),
            std::make_pair(503, std::string("device_offline")));
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d2/containers")).first, 503);
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d2/apps/app/value")).first, 503);
  EXPECT_TRUE(link_.sent().empty());
}

TEST_F(GatewayApi, ResourcesAndStatsComeFromTheDevice) {
  respond([](const SentRequest& s) {
    if (s.request.path == "/dev/resources")
      return cbor_reply(kContent, Json::array({{{"name", "sensor/t"}}}));
    if (s.request.path == "/dev/resources/sensor/t") return cbor_reply(kContent, {{"value", 21}});
    if (s.request.path == "/dev/stats") return cbor_reply(kContent, {{"uptime_ms", 5}});
    return test::reply(kNotFound);
  });
  online("d1");
  const Json resources = json(client_->Get("/api/v1/devices/d1/resources"));
  EXPECT_EQ(resources["device"], "d1");
  EXPECT_EQ(resources["resources"][0]["name"], "sensor/t");
  EXPECT_EQ(json(client_->Get("/api/v1/devices/d1/resources/sensor/t"))["value"], 21);
  EXPECT_EQ(json(client_->Get("/api/v1/devices/d1/stats"))["uptime_ms"], 5);
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d1/resources/sensor/none")),
            std::make_pair(404, std::string("resource_not_found")));
}

TEST_F(GatewayApi, ContainersWithAndWithoutTheirStatus) {
  respond([](const SentRequest& s) {
    if (s.request.path == "/c") {
      return cbor_reply(kContent, Json::array({{{"name", "a"}, {"state", "running"}},
                                               {{"name", "b"}, {"state", "stopped"}}}));
    }
    if (s.request.path == "/c/a") return cbor_reply(kContent, {{"name", "a"}, {"restarts", 2}});
    if (s.request.path == "/c/a/logs") {
      return cbor_reply(kContent, {{"next", 9}, {"lines", Json::array()}});
    }
    return cbor_reply(kNotFound, {{"error", "no such container"}});
  });
  online("d1");
  const Json list = json(client_->Get("/api/v1/devices/d1/containers"));
  ASSERT_EQ(list["containers"].size(), 2u);
  EXPECT_FALSE(list["containers"][0].contains("status"));
  const Json detail = json(client_->Get("/api/v1/devices/d1/containers?detail=true"));
  EXPECT_EQ(detail["containers"][0]["status"]["restarts"], 2);
  EXPECT_EQ(detail["containers"][1]["status_error"]["code"], "container_not_found");
  EXPECT_EQ(json(client_->Get("/api/v1/devices/d1/containers/a"))["restarts"], 2);
  const auto missing = client_->Get("/api/v1/devices/d1/containers/zz");
  EXPECT_EQ(error(missing), std::make_pair(404, std::string("container_not_found")));
  EXPECT_EQ(json(missing)["error"]["device_answer"]["error"], "no such container");
  EXPECT_EQ(json(client_->Get("/api/v1/devices/d1/containers/a/logs?from=5"))["next"], 9);
  EXPECT_EQ(link_.sent().back().request.query, (std::vector<std::string>{"from=5"}));
  const std::size_t before = link_.sent().size();
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d1/containers/a/logs?from=x")).first, 400);
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d1/containers/Bad%20Name")).first, 400);
  EXPECT_EQ(link_.sent().size(), before) << "bad requests reach no device";
}

TEST_F(GatewayApi, TheProxyTranslatesBothWays) {
  respond([](const SentRequest& s) {
    if (s.request.path == "/c/app/x/state" && s.request.method == Method::get) {
      return cbor_reply(kContent, {{"n", 7}, {"ok", true}});
    }
    if (s.request.path == "/c/app/x/state") return test::reply(kChanged);
    if (s.request.path == "/c/app/x/text") return test::reply(kContent, {'h', 'i'}, 0);
    if (s.request.path == "/c/app/x/slow") return test::failure(CoapFailure::timeout, "no answer");
    if (s.request.path == "/c/app/x/junk") return test::reply(kContent, {0xff}, kFormatCbor);
    return cbor_reply(kNotFound, {{"error", "no such export"}});
  });
  online("d1");
  const auto got = client_->Get("/api/v1/devices/d1/apps/app/state");
  EXPECT_EQ(json(got), Json({{"n", 7}, {"ok", true}}));
  EXPECT_EQ(got->get_header_value("X-CoAP-Code"), "2.05");

  const auto put = client_->Put("/api/v1/devices/d1/apps/app/state?mode=fast", R"({"n": 8})",
                                "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 204);
  const SentRequest sent = link_.sent().back();
  EXPECT_EQ(sent.request.method, Method::put);
  EXPECT_EQ(sent.request.content_format, kFormatCbor);
  EXPECT_EQ(sent.request.payload, cbor({{"n", 8}}));
  EXPECT_EQ(sent.request.query, (std::vector<std::string>{"mode=fast"}));

  const auto text = client_->Get("/api/v1/devices/d1/apps/app/text");
  EXPECT_EQ(text->body, "hi");
  EXPECT_EQ(text->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  const auto raw =
      client_->Get("/api/v1/devices/d1/apps/app/state", {{"Accept", "application/cbor"}});
  EXPECT_EQ(raw->get_header_value("Content-Type"), "application/cbor");
  EXPECT_EQ(std::vector<uint8_t>(raw->body.begin(), raw->body.end()),
            cbor({{"n", 7}, {"ok", true}}));

  EXPECT_EQ(error(client_->Get("/api/v1/devices/d1/apps/app/slow")),
            std::make_pair(504, std::string("device_timeout")));
  EXPECT_EQ(error(client_->Get("/api/v1/devices/d1/apps/app/junk")),
            std::make_pair(502, std::string("bad_device_answer")));
  const auto missing = client_->Get("/api/v1/devices/d1/apps/app/none");
  EXPECT_EQ(error(missing).first, 404);
  EXPECT_EQ(json(missing)["error"]["device_answer"]["coap_code"], "4.04");
  EXPECT_EQ(error(client_->Get("/api/v1/devices/nobody/apps/app/state")),
            std::make_pair(404, std::string("device_not_found")));
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/apps/app/state", "{bad", "application/json")),
            std::make_pair(400, std::string("malformed_json")));
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/apps/app/state", "x", "image/png")).first, 415);
}

TEST_F(GatewayApi, InstallQueuesACommandAndAnswers202) {
  known_but_offline("d1");
  const std::string envelope = "\xd8\x6b\xa1\x02\x40";
  const auto r =
      client_->Post("/api/v1/devices/d1/containers", envelope, "application/suit-envelope+cose");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202);
  const Json c = json(r);
  EXPECT_EQ(c["status"], "queued");
  EXPECT_EQ(c["kind"], "install");
  EXPECT_EQ(r->get_header_value("Location"),
            "/api/v1/commands/" + std::to_string(c["id"].get<int>()));
  EXPECT_NE(service_->blobs().blob(c["envelope_sha256"].get<std::string>()), nullptr);
  EXPECT_EQ(json(client_->Get(r->get_header_value("Location")))["id"], c["id"]);
}

TEST_F(GatewayApi, InstallWithWaitAnswersWithTheOutcome) {
  respond([](const SentRequest&) {
    return cbor_reply(kCreated, {{"name", "app"}, {"version", 1}, {"sequence", 1}});
  });
  online("d1");
  const std::string envelope = "\xd8\x6b\xa1\x02\x40";
  const auto done =
      client_->Post("/api/v1/devices/d1/containers?wait=10", envelope, "application/cbor");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 201);
  EXPECT_EQ(json(done)["result"]["name"], "app");

  respond([](const SentRequest&) {
    return cbor_reply(kForbidden, {{"error", "suit: rollback"}, {"reason", "rollback"}});
  });
  const auto refused =
      client_->Post("/api/v1/devices/d1/containers?wait", envelope, "application/octet-stream");
  EXPECT_EQ(error(refused), std::make_pair(403, std::string("rollback")));
  const Json body = json(refused);
  EXPECT_EQ(body["error"]["device_answer"]["reason"], "rollback");
  EXPECT_EQ(body["error"]["command"]["status"], "failed");
}

TEST_F(GatewayApi, BadInstallsChangeNothing) {
  online("d1");
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers", "{}", "application/json")).first,
            415);
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers", "\xa1\x01", "application/cbor")),
            std::make_pair(400, std::string("malformed_envelope")));
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers?wait=x", "\xa0", "application/cbor"))
                .first,
            400);
  EXPECT_EQ(error(client_->Post("/api/v1/devices/nobody/containers", "\xa0", "application/cbor")),
            std::make_pair(404, std::string("device_not_found")));
  const std::string big(5000, '\0');
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers", big, "application/cbor")),
            std::make_pair(413, std::string("body_too_large")));
  EXPECT_TRUE(json(client_->Get("/api/v1/commands"))["commands"].empty());
  EXPECT_EQ(service_->blobs().count(), 0u);
}

TEST_F(GatewayApi, LifeCycleCommands) {
  respond([](const SentRequest& s) {
    if (s.request.path == "/c/app/start") {
      return cbor_reply(kPreconditionFailed, {{"error", "already running"}});
    }
    return cbor_reply(kChanged, {{"name", "app"}, {"state", "stopped"}});
  });
  online("d1");
  const auto stop = client_->Post("/api/v1/devices/d1/containers/app/stop?wait=10", "", "");
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->status, 200);
  EXPECT_EQ(json(stop)["result"]["state"], "stopped");
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers/app/start?wait=10", "", "")),
            std::make_pair(409, std::string("precondition_failed")));
  const auto removed = client_->Delete("/api/v1/devices/d1/containers/app?wait=10");
  EXPECT_EQ(removed->status, 200);
  EXPECT_EQ(link_.sent().back().request.method, Method::del);
  EXPECT_EQ(error(client_->Post("/api/v1/devices/d1/containers/app/explode", "", "")).first, 404);
}

TEST_F(GatewayApi, CommandsAreListedFoundAndCancelled) {
  known_but_offline("d1");
  const Json queued = json(client_->Post("/api/v1/devices/d1/containers/app/restart", "", ""));
  const std::string path = "/api/v1/commands/" + std::to_string(queued["id"].get<int>());
  EXPECT_EQ(json(client_->Get("/api/v1/commands?device=d1&status=queued"))["commands"].size(), 1u);
  EXPECT_EQ(json(client_->Get("/api/v1/commands?status=done"))["commands"].size(), 0u);
  EXPECT_EQ(error(client_->Get("/api/v1/commands?status=lost")).first, 400);
  EXPECT_EQ(error(client_->Get("/api/v1/commands?limit=0")).first, 400);
  EXPECT_EQ(json(client_->Get(path))["status"], "queued");
  EXPECT_EQ(json(client_->Delete(path))["status"], "cancelled");
  EXPECT_EQ(error(client_->Delete(path)), std::make_pair(409, std::string("command_finished")));
  EXPECT_EQ(error(client_->Get("/api/v1/commands/424242")),
            std::make_pair(404, std::string("command_not_found")));
  EXPECT_EQ(error(client_->Get("/api/v1/commands/abc")).first, 404);
}

TEST_F(GatewayApi, TokensAreMadeListedAndRevoked) {
  const auto made = client_->Post("/api/v1/tokens", R"({"name":"ci"})", "application/json");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->status, 201);
  const Json token = json(made);
  EXPECT_EQ(token["name"], "ci");
  const std::string secret = token["token"];
  httplib::Client ci("127.0.0.1", server_->port());
  ci.set_bearer_token_auth(secret);
  EXPECT_EQ(ci.Get("/api/v1/devices")->status, 200);

  const Json list = json(client_->Get("/api/v1/tokens"));
  ASSERT_EQ(list["tokens"].size(), 2u);
  for (const Json& t : list["tokens"]) {
    EXPECT_FALSE(t.contains("token"));
    EXPECT_FALSE(t.contains("hash"));
  }
  const std::string path = "/api/v1/tokens/" + token["id"].get<std::string>();
  EXPECT_EQ(client_->Delete(path)->status, 204);
  EXPECT_EQ(ci.Get("/api/v1/devices")->status, 401);
  EXPECT_EQ(error(client_->Delete(path)), std::make_pair(404, std::string("token_not_found")));
  EXPECT_EQ(error(client_->Post("/api/v1/tokens", "{", "application/json")),
            std::make_pair(400, std::string("malformed_json")));
  EXPECT_EQ(error(client_->Post("/api/v1/tokens", R"({"name":""})", "application/json")).first,
            400);
  EXPECT_EQ(error(client_->Post("/api/v1/tokens", "name=x", "text/plain")).first, 415);
  EXPECT_EQ(client_->Post("/api/v1/tokens", "", "")->status, 201) << "a name is optional";
}

// Reads an event stream until `done` says enough (or the deadline of the client's read timeout).
std::string read_stream(httplib::Client& client, const std::string& path,
                        const httplib::Headers& headers,
                        const std::function<bool(const std::string&)>& done) {
  std::string text;
  client.Get(path, headers, [&](const char* data, std::size_t size) {
    text.append(data, size);
    return !done(text);
  });
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST_F(GatewayApi, EventStreamsResumeFromTheLastEventId) {
  online("d1");
  online("d2");
  EventHub& hub = service_->events();
  const uint64_t start = hub.last_id();
  const uint64_t first = hub.publish("installed", "d1", {{"container", "a"}});
  hub.publish("installed", "d2", {{"container", "b"}});
  bool published = false;
  const std::string site =
      read_stream(*client_, "/api/v1/events", {{"Last-Event-ID", std::to_string(start)}},
                  [&](const std::string& text) {
                    // The first two came from the ring; the third is published while the stream
                    // waits.
                    if (!published && occurrences(text, "event: installed") == 2) {
                      published = true;
                      hub.publish("violation", "d1", {{"reason", "trap"}});
                    }
                    return occurrences(text, "event: violation") == 1;
                  });
  EXPECT_NE(site.find("retry: "), std::string::npos);
  EXPECT_NE(
      site.find("id: " + std::to_string(first) + "\nevent: installed\ndata: {\"device\":\"d1\""),
      std::string::npos)
      << site;

  // Resuming after the first event: the rest only, this device only.
  const std::string d1 = read_stream(
      *client_, "/api/v1/devices/d1/events?last_event_id=" + std::to_string(first), {},
      [](const std::string& text) { return occurrences(text, "event: violation") == 1; });
  EXPECT_EQ(occurrences(d1, "event: installed"), 0u) << d1;
  EXPECT_EQ(occurrences(d1, "\"device\":\"d2\""), 0u) << d1;
}

TEST_F(GatewayApi, AQuietStreamGetsKeepAliveComments) {
  const std::string text = read_stream(*client_, "/api/v1/events", {}, [](const std::string& t) {
    return t.find(": keep-alive\n\n") != std::string::npos;
  });
  EXPECT_NE(text.find(": keep-alive\n\n"), std::string::npos);
}

TEST_F(GatewayApi, BadStreamRequests) {
  EXPECT_EQ(error(client_->Get("/api/v1/events", {{"Last-Event-ID", "yesterday"}})).first, 400);
  EXPECT_EQ(error(client_->Get("/api/v1/devices/nobody/events")).first, 404);
}

TEST_F(GatewayApi, StoppingTheServerEndsOpenStreams) {
  std::atomic<bool> connected{false};
  std::thread reader([&] {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_bearer_token_auth(token_);
    c.set_read_timeout(60, 0);
    (void)read_stream(c, "/api/v1/events", {}, [&](const std::string&) {
      connected = true;
      return false;
    });
  });
  ASSERT_TRUE(test::eventually([&] { return connected.load(); }));
  server_->stop();
  reader.join();  // returns: the stream ended
  SUCCEED();
}

}  // namespace
}  // namespace tc::gw
