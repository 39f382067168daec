// The event stream: the hub's ring, ids across restarts, SSE framing, device /events
// notifications and container reports turned into stream events by the service.
#include <gtest/gtest.h>

#include "dev/cbor_json.hpp"
#include "events/device_events.hpp"
#include "events/device_report.hpp"
#include "events/event_hub.hpp"
#include "events/sse.hpp"
#include "events/stored_event_ids.hpp"
#include "gateway_test_support.hpp"
#include "service/gateway_service.hpp"
#include "store/schema.hpp"

namespace tc::gw {
namespace {

using test::cbor;
using test::FakeLink;
using test::registration;

class CountingIds final : public IdReservation {
 public:
  uint64_t reserve(uint64_t count) override {
    const uint64_t first = next;
    next += count;
    return first;
  }
  uint64_t next = 1;
};

TEST(GatewayEventHub, PublishesInOrderWithDeviceAndTime) {
  CountingIds ids;
  EventHub hub(8, ids);
  EXPECT_EQ(hub.last_id(), 0u);
  const uint64_t a = hub.publish("device_online", "d1", {{"address", "coap://x"}});
  const uint64_t b = hub.publish("installed", "d2", {{"container", "app"}});
  EXPECT_EQ(b, a + 1);
  const EventBatch all = hub.after(0, "", 100);
  ASSERT_EQ(all.events.size(), 2u);
  EXPECT_FALSE(all.gap);
  const Json data = Json::parse(all.events[0].data);
  EXPECT_EQ(data["device"], "d1");
  EXPECT_EQ(data["address"], "coap://x");
  EXPECT_TRUE(data.contains("time"));
  EXPECT_EQ(hub.after(a, "", 100).events.size(), 1u);
  const EventBatch d2 = hub.after(0, "d2", 100);
  ASSERT_EQ(d2.events.size(), 1u);
  EXPECT_EQ(d2.events[0].type, "installed");
  EXPECT_EQ(d2.scanned_to, b);
  EXPECT_EQ(hub.after(0, "d3", 100).scanned_to, b) << "a filtered reader still advances";
}

TEST(GatewayEventHub, ARingThatOverflowedReportsTheGap) {
  CountingIds ids;
  EventHub hub(4, ids);
  for (int i = 0; i < 10; ++i)
    hub.publish("log", "d1", Json::object());
  const EventBatch batch = hub.after(2, "", 100);
  EXPECT_TRUE(batch.gap);
  ASSERT_EQ(batch.events.size(), 4u);
  EXPECT_EQ(batch.events.front().id, 7u);
  EXPECT_FALSE(hub.after(7, "", 100).gap);
  EXPECT_EQ(hub.after(0, "", 2).events.size(), 2u) << "at most max";
}

TEST(GatewayEventHub, WaitWakesOnPublishAndOnClose) {
  CountingIds ids;
  EventHub hub(4, ids);
  std::thread publisher([&] { hub.publish("x", "d", Json::object()); });
  EXPECT_TRUE(hub.wait(0, std::chrono::seconds(20)));
  publisher.join();
  EXPECT_EQ(hub.last_id(), 1u);
  hub.close();
  EXPECT_FALSE(hub.wait(1, std::chrono::seconds(20)));
  EXPECT_TRUE(hub.closed());
}

TEST(GatewayEventHub, IdsKeepIncreasingAcrossRestarts) {
  test::TempDir dir;
  uint64_t last = 0;
  for (int run = 0; run < 3; ++run) {
    Database db(dir.file("gateway.db"));
    migrate(db);
    StoredEventIds ids(db);
    EventHub hub(16, ids);
    // More than one reservation block in one run.
    for (int i = 0; i < 1500; ++i) {
      const uint64_t id = hub.publish("x", "d", Json::object());
      ASSERT_GT(id, last);
      last = id;
    }
  }
}

TEST(GatewaySse, FramesEventsCommentsAndRetry) {
  EXPECT_EQ(sse_frame({42, "device_online", "d1", R"({"device":"d1"})"}),
            "id: 42\nevent: device_online\ndata: {\"device\":\"d1\"}\n\n");
  EXPECT_EQ(sse_comment("keep\nalive"), ": keep alive\n\n");
  EXPECT_EQ(sse_retry(std::chrono::milliseconds(2000)), "retry: 2000\n\n");
  EXPECT_EQ(parse_event_id("17"), 17u);
  EXPECT_FALSE(parse_event_id(""));
  EXPECT_FALSE(parse_event_id("17x"));
  EXPECT_FALSE(parse_event_id("-1"));
  EXPECT_FALSE(parse_event_id("99999999999999999999999"));
}

TEST(GatewayDeviceEvents, DecodesANotification) {
  const Json n = {{"next", 12},
                  {"events",
                   {{{"seq", 10}, {"time_ms", 5}, {"kind", "installed"}, {"container", "a"}},
                    {{"seq", 11}, {"time_ms", 6}, {"kind", "Bad Kind!"}, {"container", "a"}}}}};
  const DecodedDeviceEvents d = decode_device_events(cbor(n));
  ASSERT_TRUE(d.batch) << d.error;
  EXPECT_EQ(d.batch->next, 12u);
  ASSERT_EQ(d.batch->events.size(), 2u);
  EXPECT_EQ(d.batch->events[0].type, "installed");
  EXPECT_EQ(d.batch->events[0].fields["container"], "a");
  EXPECT_EQ(d.batch->events[1].type, "device_event") << "a kind that is not a token";
}

TEST(GatewayDeviceEvents, RefusesWhatIsNotANotification) {
  EXPECT_FALSE(decode_device_events(std::vector<uint8_t>{0xff}).batch);
  EXPECT_FALSE(decode_device_events(cbor(Json::array())).batch);
  EXPECT_FALSE(decode_device_events(cbor({{"next", 1}})).batch);
  EXPECT_FALSE(decode_device_events(cbor({{"next", 1}, {"events", {{{"kind", "x"}}}}})).batch);
}

TEST(GatewayDeviceReport, CborPayloadsAsJsonOthersAsHex) {
  const Json r =
      device_report(Method::post, "/report", {"c=mapper"}, kFormatCbor, cbor({{"rssi", -70}}));
  EXPECT_EQ(r["method"], "POST");
  EXPECT_EQ(r["container"], "mapper");
  EXPECT_EQ(r["payload"]["rssi"], -70);
  const Json h = device_report(Method::put, "/raw", {}, kFormatOctets, {0xde, 0xad});
  EXPECT_EQ(h["payload_hex"], "dead");
  EXPECT_FALSE(h.contains("container"));
  const Json bad = device_report(Method::post, "/x", {}, std::nullopt, {0xff, 0x00});
  EXPECT_EQ(bad["payload_hex"], "ff00") << "not CBOR after all";
}

class GatewayServiceEvents : public ::testing::Test {
 protected:
  GatewayServiceEvents() { open(); }
  ~GatewayServiceEvents() override { close(); }
  void open() {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    service_ = std::make_unique<GatewayService>(*db_, ServiceOptions{});
    service_->start(link_);
  }
  void close() {
    service_->stop();
    service_.reset();
    db_.reset();
  }
  std::vector<Event> events(const std::string& device = "") {
    return service_->events().after(0, device, 1000).events;
  }
  void notify(const std::string& ep, const Json& n) {
    service_->on_events(ep, cbor(n));
    service_->drain();
  }

  test::TempDir dir_;
  FakeLink link_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<GatewayService> service_;
};

TEST_F(GatewayServiceEvents, RegistrationAndExpiryAreEventsAndDriveTheObservation) {
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), true);  // refresh
  service_->on_unregistered("d1", Unregistered::expired);
  service_->on_unregistered("d1", Unregistered::expired);  // already offline: nothing
  service_->drain();
  const std::vector<Event> e = events();
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].type, "device_online");
  EXPECT_EQ(e[1].type, "device_offline");
  EXPECT_EQ(Json::parse(e[1].data)["reason"], "expired");
  ASSERT_EQ(link_.observations().size(), 1u) << "observed once, not again on the refresh";
  EXPECT_EQ(link_.observations()[0].at, "coap://127.0.0.1:5701");
  EXPECT_EQ(link_.observations()[0].from, 0u);
  ASSERT_EQ(link_.cancelled().size(), 1u);
}

TEST_F(GatewayServiceEvents, DeviceEventsBecomeStreamEventsOnceEach) {
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  notify("d1", {{"next", 3},
                {"events",
                 {{{"seq", 1}, {"kind", "installed"}, {"container", "a"}},
                  {{"seq", 2}, {"kind", "started"}, {"container", "a"}}}}});
  // A restarted observation repeats event 2.
  notify("d1", {{"next", 4},
                {"events",
                 {{{"seq", 2}, {"kind", "started"}, {"container", "a"}},
                  {{"seq", 3}, {"kind", "violation"}, {"container", "a"}}}}});
  notify("d1", {{"garbage", true}});
  notify("unknown", {{"next", 1}, {"events", Json::array()}});
  std::vector<std::string> types;
  for (const Event& e : events("d1"))
    types.push_back(e.type);
  EXPECT_EQ(types,
            (std::vector<std::string>{"device_online", "installed", "started", "violation"}));
  EXPECT_EQ(Json::parse(events("d1")[3].data)["device"], "d1");
  EXPECT_EQ(service_->devices().find("d1")->events_next, 4u);

  // The next observation (after a restart of the gateway) starts where this one stopped.
  close();
  open();
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  service_->drain();
  ASSERT_EQ(link_.observations().size(), 2u);
  EXPECT_EQ(link_.observations()[1].from, 4u);
}

TEST_F(GatewayServiceEvents, ADeviceWhoseNumberingWentBackStartsOver) {
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  notify("d1", {{"next", 50}, {"events", Json::array()}});
  notify("d1", {{"next", 2}, {"events", {{{"seq", 1}, {"kind", "installed"}}}}});
  EXPECT_EQ(events("d1").back().type, "installed");
  EXPECT_EQ(service_->devices().find("d1")->events_next, 2u);
}

TEST_F(GatewayServiceEvents, ReportsFromRegisteredDevicesOnly) {
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  EXPECT_TRUE(service_->on_device_request("d1", Method::post, "/report", {"c=mapper"}, kFormatCbor,
                                          cbor({{"n", 1}})));
  EXPECT_FALSE(service_->on_device_request("", Method::post, "/report", {}, std::nullopt, {}));
  service_->drain();
  const std::vector<Event> e = events("d1");
  ASSERT_EQ(e.back().type, "report");
  EXPECT_EQ(Json::parse(e.back().data)["payload"]["n"], 1);
}

TEST_F(GatewayServiceEvents, AnEndedObservationIsRestartedAtTheNextRefresh) {
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), false);
  service_->on_events_ended("d1", "4.04");
  service_->on_registered(registration("d1", "coap://127.0.0.1:5701"), true);
  service_->drain();
  EXPECT_EQ(link_.observations().size(), 2u);
}

}  // namespace
}  // namespace tc::gw
