// The platform link end to end in one process (gateway/platform/platform_sync): a real
// GatewayService over a FakeLink that plays one device, and a fake tc-platform (httplib::Server
// on port 0) that serves the desired state and envelopes and records state and events.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "common/sha256.hpp"
#include "gateway_test_support.hpp"
#include "platform/platform_link.hpp"
#include "service/gateway_service.hpp"

namespace tc::gw {
namespace {

using std::chrono::milliseconds;

const std::vector<uint8_t> kEnvelope(300, 0x5a);

// What the fake platform answers and what it received.
struct PlatformScript {
  std::string desired;  // the document (its "revision" is the ETag)
  std::string revision;
  int desired_status = 200;           // 200: the document (304 on a matching If-None-Match)
  int events_status = 200;            // 200: store and ack; else answer this
  bool lose_ack = false;              // store the items, answer 503 (the ack is lost)
  std::optional<Json> state_refused;  // set: the state push answers 200 {"refused": this}
  std::map<std::string, std::vector<uint8_t>> envelopes;
  int desired_200 = 0;
  int desired_304 = 0;
  std::vector<Json> states;
  std::vector<int64_t> received_ids;  // every id posted, resends included
  std::map<int64_t, Json> stored;     // by id: what the platform keeps
};

class FakePlatform {
 public:
  FakePlatform() {
    server_.Get("/api/v1/gateway/desired",
                [this](const httplib::Request& req, httplib::Response& res) {
                  const std::lock_guard lock(mutex_);
                  if (req.get_header_value("Authorization") != "Bearer gw-token") {
                    res.status = 401;
                    return;
                  }
                  if (script_.desired_status != 200) {
                    res.status = script_.desired_status;
                    return;
                  }
                  if (req.get_header_value("If-None-Match") == "\"" + script_.revision + "\"") {
                    ++script_.desired_304;
                    res.status = 304;
                    return;
                  }
                  ++script_.desired_200;
                  res.set_header("ETag", "\"" + script_.revision + "\"");
                  res.set_content(script_.desired, "application/json");
                });
    server_.Get(R"(/api/v1/gateway/envelopes/([0-9a-f]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  const std::lock_guard lock(mutex_);
                  const auto it = script_.envelopes.find(req.matches[1].str());
                  if (it == script_.envelopes.end()) {
                    res.status = 404;
                    return;
                  }
                  res.set_content(std::string(it->second.begin(), it->second.end()),
                                  "application/suit-envelope+cose");
                });
    server_.Put(
        "/api/v1/gateway/state", [this](const httplib::Request& req, httplib::Response& res) {
          const std::lock_guard lock(mutex_);
          script_.states.push_back(Json::parse(req.body));
          if (!script_.state_refused) {
            res.status = 204;
          } else {
            res.set_content(Json{{"refused", *script_.state_refused}}.dump(), "application/json");
          }
        });
    server_.Post("/api/v1/gateway/events",
                 [this](const httplib::Request& req, httplib::Response& res) {
                   const std::lock_guard lock(mutex_);
                   if (script_.events_status != 200) {
                     res.status = script_.events_status;
                     return;
                   }
                   int64_t ack = 0;
                   const Json body = Json::parse(req.body);
                   for (const Json& item : body["items"]) {
                     const int64_t id = item["id"].get<int64_t>();
                     script_.received_ids.push_back(id);
                     script_.stored.try_emplace(id, item);
                     ack = std::max(ack, id);
                   }
                   if (script_.lose_ack) {
                     script_.lose_ack = false;
                     res.status = 503;
                     return;
                   }
                   res.set_content(json_text(Json{{"ack", ack}}), "application/json");
                 });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(milliseconds(1));
  }
  ~FakePlatform() {
    server_.stop();
    thread_.join();
  }
  FakePlatform(const FakePlatform&) = delete;
  FakePlatform& operator=(const FakePlatform&) = delete;

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  template <typename F>
  auto with(F f) {
    const std::lock_guard lock(mutex_);
    return f(script_);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  PlatformScript script_;
};

// One device's containers, answering the gateway's requests as tc-device would.
class SimDevice {
 public:
  struct Container {
    std::string state;
    uint64_t sequence = 0;
    uint64_t activations = 0;
  };

  // An install of the envelope whose key appears in the request: that container, `sequence`.
  void installs(const std::string& digest, const std::string& name, uint64_t sequence) {
    const std::lock_guard lock(mutex_);
    installs_[digest] = {name, sequence};
  }

  std::optional<CoapOutcome> answer(const test::SentRequest& sent) {
    const std::lock_guard lock(mutex_);
    const CoapRequest& r = sent.request;
    if (r.method == Method::get && r.path == "/c") {
      Json list = Json::array();
      for (const auto& [name, c] : containers_)
        list.push_back({{"name", name}, {"version", 1}, {"tenant", "acme"}, {"state", c.state}});
      return test::reply(0x45, test::cbor(list), kFormatCbor);
    }
    const std::string name = r.path.size() > 3 ? r.path.substr(3, r.path.find('/', 3) - 3) : "";
    if (r.method == Method::post && r.path == "/c") return install(r.payload);
    const auto it = containers_.find(name);
    if (it == containers_.end()) return test::reply(0x84);
    Container& c = it->second;
    if (r.method == Method::get) {
      c.activations += 5;
      const Json status = {{"name", name},
                           {"version", 1},
                           {"tenant", "acme"},
                           {"state", c.state},
                           {"sequence", c.sequence},
                           {"stats", {{"activations", c.activations}, {"instructions", 100}}}};
      return test::reply(0x45, test::cbor(status), kFormatCbor);
    }
    if (r.method == Method::del) {
      containers_.erase(it);
      return test::reply(0x42);
    }
    const std::string verb = r.path.substr(r.path.rfind('/') + 1);
    c.state = verb == "stop" ? "stopped" : "running";
    return test::reply(0x44, test::cbor(Json{{"name", name}, {"state", c.state}}), kFormatCbor);
  }

  std::map<std::string, Container> containers() {
    const std::lock_guard lock(mutex_);
    return containers_;
  }
  void put(const std::string& name, Container c) {
    const std::lock_guard lock(mutex_);
    containers_[name] = std::move(c);
  }

 private:
  CoapOutcome install(const std::vector<uint8_t>& payload) {
    const std::string text(payload.begin(), payload.end());
    for (const auto& [digest, what] : installs_) {
      if (text.find(digest) == std::string::npos) continue;
      containers_[what.first] = {"installed", what.second, 0};
      return test::reply(0x41, test::cbor(Json{{"name", what.first}}), kFormatCbor);
    }
    return test::reply(0x80, test::cbor(Json{{"error", "unknown envelope"}}), kFormatCbor);
  }

  std::mutex mutex_;
  std::map<std::string, Container> containers_;
  std::map<std::string, std::pair<std::string, uint64_t>> installs_;
};

std::string desired_doc(const std::string& revision, const std::string& state,
                        const std::string& digest, uint64_t size = kEnvelope.size()) {
  const Json c = {
      {"name", "thermo"}, {"sequence", 7}, {"digest", digest}, {"size", size}, {"state", state}};
  return json_text(
      Json{{"revision", revision}, {"devices", {{"d1", {{"containers", Json::array({c})}}}}}});
}

class PlatformLinkTest : public ::testing::Test {
 protected:
  PlatformLinkTest() : digest_(sha256_hex(kEnvelope)) {
    platform_.with([&](PlatformScript& s) {
      s.revision = "1";
      s.desired = desired_doc("1", "running", digest_);
      s.envelopes[digest_] = kEnvelope;
    });
    device_.installs(digest_, "thermo", 7);
    link_.set_responder([this](const test::SentRequest& r) { return device_.answer(r); });
    open();
  }
  ~PlatformLinkTest() override { close(); }

  void open() {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    ServiceOptions options;
    options.commands.retry.initial = milliseconds(5);
    service_ = std::make_unique<GatewayService>(*db_, options);
    PlatformOptions p;
    p.url = platform_.url();
    p.token = "gw-token";
    p.sync_interval = milliseconds(50);
    p.usage_interval = milliseconds(100);
    p.request_timeout = milliseconds(2000);
    p.backoff_initial = milliseconds(20);
    p.backoff_max = milliseconds(100);
    p.heartbeat = heartbeat_;
    sync_ = make_platform_link(p, {*db_, service_->devices(), service_->commands(),
                                   service_->events(), service_->blobs(), link_});
    service_->start(link_);
    ASSERT_EQ(sync_->start(), "");
  }
  void close() {
    sync_->stop();
    service_->stop();
    sync_.reset();
    service_.reset();
    db_.reset();
  }
  milliseconds heartbeat_ = milliseconds(300);

  void online() {
    service_->on_registered(test::registration("d1", "coap://127.0.0.1:5701"), false);
    service_->drain();
  }
  // The sync status of thermo in the last state the platform got.
  std::string last_sync() {
    return platform_.with([](PlatformScript& s) -> std::string {
      if (s.states.empty()) return "";
      for (const Json& d : s.states.back()["devices"]) {
        if (d["id"] == "d1" && d.contains("sync") && !d["sync"].empty()) {
          return d["sync"][0]["status"].get<std::string>() + " " +
                 d["sync"][0].value("detail", std::string());
        }
      }
      return "";
    });
  }
  bool platform_has_event(const std::string& type) {
    return platform_.with([&](PlatformScript& s) {
      return std::any_of(s.stored.begin(), s.stored.end(), [&](const auto& entry) {
        return entry.second["kind"] == "event" && entry.second["data"]["type"] == type;
      });
    });
  }
  std::size_t sent_matching(Method method, const std::string& path) {
    std::size_t n = 0;
    for (const test::SentRequest& r : link_.sent())
      if (r.request.method == method && r.request.path == path) ++n;
    return n;
  }

  std::string digest_;
  FakePlatform platform_;
  SimDevice device_;
  test::FakeLink link_;
  test::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<PlatformLink> sync_;
};

TEST_F(PlatformLinkTest, InstallsStartsAndReportsConverged) {
  online();
  ASSERT_TRUE(test::eventually([&] {
    const auto c = device_.containers();
    return c.count("thermo") == 1 && c.at("thermo").state == "running";
  }));
  EXPECT_EQ(sent_matching(Method::post, "/c"), 1U);
  EXPECT_EQ(sent_matching(Method::post, "/c/thermo/start"), 1U);
  ASSERT_TRUE(test::eventually([&] { return last_sync() == "converged "; })) << last_sync();
  EXPECT_TRUE(test::eventually([&] { return platform_has_event("device_online"); }));
  EXPECT_TRUE(test::eventually([&] { return platform_has_event("command_done"); }));
  const PlatformStatus s = sync_->status();
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.desired_revision, "1");
  EXPECT_NE(s.last_pull_ms, 0);
  const Json state = platform_.with([](PlatformScript& p) { return p.states.back(); });
  EXPECT_EQ(state["gateway"]["desired_revision"], "1");
  EXPECT_EQ(state["devices"][0]["managed"], true);
  EXPECT_EQ(state["devices"][0]["containers"][0]["sequence"], 7);
}

TEST_F(PlatformLinkTest, UnchangedDesiredStateIsAnswered304) {
  ASSERT_TRUE(test::eventually(
      [&] { return platform_.with([](PlatformScript& s) { return s.desired_304 >= 3; }); }));
  EXPECT_EQ(platform_.with([](PlatformScript& s) { return s.desired_200; }), 1);
}

TEST_F(PlatformLinkTest, StoppedThenRemoved) {
  online();
  ASSERT_TRUE(test::eventually([&] { return last_sync() == "converged "; })) << last_sync();
  platform_.with([&](PlatformScript& s) {
    s.revision = "2";
    s.desired = desired_doc("2", "stopped", digest_);
  });
  ASSERT_TRUE(test::eventually([&] {
    const auto c = device_.containers();
    return c.count("thermo") == 1 && c.at("thermo").state == "stopped";
  }));
  platform_.with([&](PlatformScript& s) {
    s.revision = "3";
    s.desired = R"({"revision":"3","devices":{"d1":{"containers":[]}}})";
  });
  ASSERT_TRUE(test::eventually([&] { return device_.containers().empty(); }));
  EXPECT_EQ(sent_matching(Method::del, "/c/thermo"), 1U);
}

TEST_F(PlatformLinkTest, BadDocumentIsRejectedAndThePreviousKept) {
  ASSERT_TRUE(test::eventually([&] { return sync_->status().desired_revision == "1"; }));
  platform_.with([](PlatformScript& s) {
    s.revision = "2";
    s.desired = R"({"revision":"2","devices":{"d1":{"containers":[{"name":"BAD"}]}}})";
  });
  ASSERT_TRUE(test::eventually([&] { return platform_has_event("desired_rejected"); }));
  const PlatformStatus s = sync_->status();
  EXPECT_EQ(s.desired_revision, "1");
  // Reported once, not at every pull.
  ASSERT_TRUE(test::eventually(
      [&] { return platform_.with([](PlatformScript& p) { return p.desired_200 >= 4; }); }));
  const long rejected = platform_.with([](PlatformScript& p) {
    return std::count_if(p.stored.begin(), p.stored.end(), [](const auto& e) {
      return e.second["data"].value("type", std::string()) == "desired_rejected";
    });
  });
  EXPECT_EQ(rejected, 1);
  // The stored desired state is the previous one: after a restart with the platform refusing,
  // the link still holds revision 1.
  close();
  platform_.with([](PlatformScript& p) { p.desired_status = 503; });
  open();
  EXPECT_EQ(sync_->status().desired_revision, "1");
}

TEST_F(PlatformLinkTest, EnvelopeDigestMismatchFailsTheContainer) {
  platform_.with([&](PlatformScript& s) { s.envelopes[digest_] = std::vector<uint8_t>(300, 1); });
  online();
  ASSERT_TRUE(test::eventually([&] { return last_sync().rfind("failed", 0) == 0; })) << last_sync();
  EXPECT_NE(last_sync().find("SHA-256"), std::string::npos);
  EXPECT_EQ(sent_matching(Method::post, "/c"), 0U);
}

TEST_F(PlatformLinkTest, RefusedCommandIsNotSentAgain) {
  device_.put("thermo", {"stopped", 7, 0});
  link_.set_responder([this](const test::SentRequest& r) -> std::optional<CoapOutcome> {
    if (r.request.path == "/c/thermo/start") {
      return test::reply(0x83, test::cbor(Json{{"error", "no"}, {"reason", "denied"}}),
                         kFormatCbor);
    }
    return device_.answer(r);
  });
  online();
  ASSERT_TRUE(test::eventually([&] { return last_sync().rfind("failed 4.03", 0) == 0; }))
      << last_sync();
  // Several more reconciling rounds (pulls answered) without another start.
  const int pulls = platform_.with([](PlatformScript& s) { return s.desired_304; });
  ASSERT_TRUE(test::eventually([&] {
    return platform_.with([&](PlatformScript& s) { return s.desired_304 >= pulls + 5; });
  }));
  EXPECT_EQ(sent_matching(Method::post, "/c/thermo/start"), 1U);
}

// A refused token is reported, and the gateway goes on with the desired state it already held
// (revision 1, accepted before the platform started refusing it and kept in the database).
TEST_F(PlatformLinkTest, RefusedTokenIsReported) {
  ASSERT_TRUE(test::eventually([&] { return sync_->status().desired_revision == "1"; }));
  close();
  platform_.with([](PlatformScript& s) { s.desired_status = 401; });
  open();
  ASSERT_TRUE(test::eventually([&] {
    return sync_->status().last_error.find("platform refused the gateway token") !=
           std::string::npos;
  }));
  EXPECT_EQ(sync_->status().desired_revision, "1");
}

TEST_F(PlatformLinkTest, PlatformDownThenUpDeliversEveryItemOnce) {
  platform_.with([](PlatformScript& s) { s.events_status = 503; });
  online();
  ASSERT_TRUE(test::eventually([&] {
    const auto c = device_.containers();
    return c.count("thermo") == 1 && c.at("thermo").state == "running";
  }));
  EXPECT_GT(sync_->status().outbox_pending, 0U);
  EXPECT_NE(sync_->status().last_error, "");
  platform_.with([](PlatformScript& s) {
    s.events_status = 200;
    s.lose_ack = true;  // the first delivery is stored but its ack lost: sent again
  });
  ASSERT_TRUE(test::eventually([&] { return sync_->status().outbox_pending == 0; }));
  platform_.with([](PlatformScript& s) {
    const std::set<int64_t> distinct(s.received_ids.begin(), s.received_ids.end());
    EXPECT_GT(s.received_ids.size(), distinct.size());  // resent...
    EXPECT_EQ(distinct.size(), s.stored.size());        // ...and stored once
    // In id order: no item reaches the platform before an older one. (The resend starts over
    // at the oldest unacknowledged id, and newer items may be queued between the posts, so
    // only the first arrivals are ordered.)
    std::vector<int64_t> first_arrivals;
    std::set<int64_t> seen;
    for (const int64_t id : s.received_ids)
      if (seen.insert(id).second) first_arrivals.push_back(id);
    EXPECT_TRUE(std::is_sorted(first_arrivals.begin(), first_arrivals.end()));
    return 0;
  });
  EXPECT_TRUE(platform_has_event("device_online"));
  EXPECT_TRUE(test::eventually([&] {
    return platform_.with([](PlatformScript& s) {
      return std::any_of(s.stored.begin(), s.stored.end(),
                         [](const auto& e) { return e.second["kind"] == "usage"; });
    });
  }));
}

TEST_F(PlatformLinkTest, StateIsPushedAndStatusShown) {
  ASSERT_TRUE(test::eventually(
      [&] { return platform_.with([](PlatformScript& s) { return !s.states.empty(); }); }));
  const Json state = platform_.with([](PlatformScript& s) { return s.states.front(); });
  EXPECT_TRUE(state["gateway"].contains("time_ms"));
  EXPECT_TRUE(state["devices"].is_array());
  EXPECT_TRUE(test::eventually([&] { return sync_->status().last_push_ms != 0; }));
  EXPECT_EQ(sync_->status().url, platform_.url());
}

TEST_F(PlatformLinkTest, ADeviceComingOnlineIsPushedAtOnceNotAtTheHeartbeat) {
  close();
  heartbeat_ = std::chrono::hours(1);
  open();
  // The start's push first; then d9, which is not managed: only its presence changes.
  ASSERT_TRUE(test::eventually(
      [&] { return platform_.with([](PlatformScript& s) { return !s.states.empty(); }); }));
  service_->on_registered(test::registration("d9", "coap://127.0.0.1:5709"), false);
  service_->drain();
  EXPECT_TRUE(test::eventually([&] {
    return platform_.with([](PlatformScript& s) {
      if (s.states.empty()) return false;
      for (const Json& d : s.states.back()["devices"])
        if (d["id"] == "d9" && d["online"] == true) return true;
      return false;
    });
  }));
}

TEST_F(PlatformLinkTest, DevicesThePlatformRefusesAreShownWithoutBackingOff) {
  platform_.with([](PlatformScript& s) {
    s.state_refused = Json::array({{{"device", "d1"}, {"code", "device_claimed"}}});
  });
  online();  // a change: the state is pushed again
  ASSERT_TRUE(
      test::eventually([&] { return sync_->status().refused_devices == "d1 (device_claimed)"; }));
  EXPECT_EQ(sync_->status().last_error, "");
  // The link goes on: events are still delivered.
  EXPECT_TRUE(platform_has_event("device_online"));
}

}  // namespace
}  // namespace tc::gw
