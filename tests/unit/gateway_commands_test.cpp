// The command queue with a fake device link: sent at once to an online device, held for an
// offline one, retried with back-off when the device does not answer, failed at once when it
// refuses, cancelled, kept in order per device, and resumed after a restart (the database
// reopened by a new service).
#include <gtest/gtest.h>

#include "cbor/reader.hpp"
#include "commands/retry_policy.hpp"
#include "common/sha256.hpp"
#include "dev/cbor_json.hpp"
#include "gateway_test_support.hpp"
#include "service/gateway_service.hpp"

namespace tc::gw {
namespace {

using std::chrono::milliseconds;
using test::cbor;
using test::FakeLink;
using test::registration;

constexpr uint8_t kChanged = 0x44;
constexpr uint8_t kCreated = 0x41;
constexpr uint8_t kPreconditionFailed = 0x8c;
constexpr auto kLong = std::chrono::seconds(20);

ServiceOptions fast_retries() {
  ServiceOptions o;
  o.commands.retry.initial = milliseconds(5);
  o.commands.retry.max = milliseconds(20);
  o.commands.retry.max_attempts = 4;
  return o;
}

// A gateway service over a database file in a temporary directory; restart() reopens it.
class GatewayCommands : public ::testing::Test {
 protected:
  GatewayCommands() { open(fast_retries()); }
  ~GatewayCommands() override { close(); }

  void open(ServiceOptions options) {
    db_ = std::make_unique<Database>(dir_.file("gateway.db"));
    service_ = std::make_unique<GatewayService>(*db_, options);
    link_ = std::make_unique<FakeLink>();
    service_->start(*link_);
  }
  void close() {
    if (service_) service_->stop();
    service_.reset();
    link_.reset();
    db_.reset();
  }
  void online(const std::string& id, const std::string& base = "coap://127.0.0.1:5701") {
    service_->on_registered(registration(id, base), false);
    service_->drain();
  }
  void offline(const std::string& id) {
    service_->on_unregistered(id, Unregistered::expired);
    service_->drain();
  }
  CommandQueue& queue() { return service_->commands(); }
  DeviceCommand submit(CommandKind kind, const std::string& container = "app",
                       const std::string& device = "d1") {
    return queue().submit({device, kind, container, {}});
  }
  DeviceCommand finished(const DeviceCommand& c) {
    std::optional<DeviceCommand> done = queue().wait(c.id, kLong);
    EXPECT_TRUE(done);
    return done.value_or(c);
  }
  std::vector<std::string> event_types() {
    std::vector<std::string> out;
    for (const Event& e : service_->events().after(0, "", 10000).events)
      out.push_back(e.type);
    return out;
  }
  std::size_t count(const std::string& type) {
    const std::vector<std::string> types = event_types();
    return static_cast<std::size_t>(std::count(types.begin(), types.end(), type));
  }

  test::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<FakeLink> link_;
};

TEST(GatewayRetryPolicy, DoublesUpToTheMaximum) {
  const RetryPolicy p;  // 1 s .. 60 s
  EXPECT_EQ(p.delay_after(1), milliseconds(1000));
  EXPECT_EQ(p.delay_after(2), milliseconds(2000));
  EXPECT_EQ(p.delay_after(6), milliseconds(32000));
  EXPECT_EQ(p.delay_after(7), milliseconds(60000));
  EXPECT_EQ(p.delay_after(1000000), milliseconds(60000));
  EXPECT_FALSE(p.attempts_exhausted(7));
  EXPECT_TRUE(p.attempts_exhausted(8));
  EXPECT_FALSE(p.too_old(0, 3599999));
  EXPECT_TRUE(p.too_old(0, 3600000));
}

TEST_F(GatewayCommands, RunAtOnceOnAnOnlineDevice) {
  online("d1");
  link_->set_responder([](const test::SentRequest&) {
    return test::reply(kChanged, cbor({{"name", "app"}, {"state", "running"}}), kFormatCbor);
  });
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::done);
  EXPECT_EQ(c.attempts, 1);
  EXPECT_EQ(c.coap_code, "2.04");
  ASSERT_TRUE(c.result);
  EXPECT_EQ((*c.result)["state"], "running");
  const std::vector<test::SentRequest> sent = link_->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "coap://127.0.0.1:5701");
  EXPECT_EQ(sent[0].request.method, Method::post);
  EXPECT_EQ(sent[0].request.path, "/c/app/start");
  EXPECT_EQ(count("command_queued"), 1u);
  EXPECT_EQ(count("command_sending"), 1u);
  EXPECT_EQ(count("command_done"), 1u);
}

TEST_F(GatewayCommands, EachKindSendsItsRequest) {
  online("d1");
  (void)finished(submit(CommandKind::stop));
  (void)finished(submit(CommandKind::restart));
  (void)finished(submit(CommandKind::remove));
  const std::vector<test::SentRequest> sent = link_->sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].request.path, "/c/app/stop");
  EXPECT_EQ(sent[1].request.path, "/c/app/restart");
  EXPECT_EQ(sent[2].request.method, Method::del);
  EXPECT_EQ(sent[2].request.path, "/c/app");
}

TEST_F(GatewayCommands, WaitForAnOfflineDeviceAndRunWhenItRegisters) {
  online("d1");
  offline("d1");
  const DeviceCommand queued = submit(CommandKind::start);
  EXPECT_EQ(queue().find(queued.id)->status, CommandStatus::queued);
  online("d1", "coap://127.0.0.1:5801");
  const DeviceCommand c = finished(queued);
  EXPECT_EQ(c.status, CommandStatus::done);
  ASSERT_EQ(link_->sent().size(), 1u);
  EXPECT_EQ(link_->sent()[0].to, "coap://127.0.0.1:5801") << "sent to where it registered";
}

TEST_F(GatewayCommands, RetryWithBackOffThenGiveUp) {
  online("d1");
  link_->set_responder([](const test::SentRequest&) {
    return test::failure(CoapFailure::timeout, "no answer within 10000 ms");
  });
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::failed);
  EXPECT_EQ(c.attempts, 4);
  EXPECT_NE(c.last_error.find("no answer after 4 attempts"), std::string::npos) << c.last_error;
  EXPECT_NE(c.last_error.find("timeout"), std::string::npos) << c.last_error;
  EXPECT_EQ(link_->sent().size(), 4u);
  EXPECT_EQ(count("command_retry"), 3u);
  EXPECT_EQ(count("command_failed"), 1u);
}

TEST_F(GatewayCommands, ASecondAttemptThatIsAnsweredSucceeds) {
  online("d1");
  int calls = 0;
  link_->set_responder([&calls](const test::SentRequest&) {
    return ++calls == 1 ? test::failure(CoapFailure::unreachable) : test::reply(kChanged);
  });
  const DeviceCommand c = finished(submit(CommandKind::stop));
  EXPECT_EQ(c.status, CommandStatus::done);
  EXPECT_EQ(c.attempts, 2);
  EXPECT_TRUE(c.last_error.empty());
}

TEST_F(GatewayCommands, ADeviceRefusalIsFinal) {
  online("d1");
  link_->set_responder([](const test::SentRequest&) {
    return test::reply(kPreconditionFailed, cbor({{"error", "already running"}}), kFormatCbor);
  });
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::failed);
  EXPECT_EQ(c.attempts, 1);
  EXPECT_EQ(c.coap_code, "4.12");
  EXPECT_NE(c.last_error.find("already running"), std::string::npos);
  ASSERT_TRUE(c.result);
  EXPECT_EQ((*c.result)["error"], "already running");
}

TEST_F(GatewayCommands, GarbageFromTheDeviceIsFinal) {
  online("d1");
  link_->set_responder(
      [](const test::SentRequest&) { return test::failure(CoapFailure::bad_response); });
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::failed);
  EXPECT_EQ(c.attempts, 1);
}

TEST_F(GatewayCommands, CancelAQueuedCommandOnly) {
  online("d1");
  offline("d1");
  const DeviceCommand queued = submit(CommandKind::start);
  auto [outcome, c] = queue().cancel(queued.id);
  EXPECT_EQ(outcome, CancelOutcome::cancelled);
  EXPECT_EQ(c->status, CommandStatus::cancelled);
  EXPECT_EQ(queue().cancel(queued.id).first, CancelOutcome::already_final);
  EXPECT_EQ(queue().cancel(99999).first, CancelOutcome::not_found);
  EXPECT_EQ(count("command_cancelled"), 1u);

  link_->set_responder([](const test::SentRequest&) { return std::nullopt; });
  online("d1");
  const DeviceCommand sending = submit(CommandKind::stop);
  ASSERT_TRUE(link_->wait_sent(1));
  EXPECT_EQ(link_->sent()[0].request.path, "/c/app/stop") << "the cancelled one never went out";
  EXPECT_EQ(queue().cancel(sending.id).first, CancelOutcome::in_flight);
  link_->complete_held(test::reply(kChanged));
  EXPECT_EQ(finished(sending).status, CommandStatus::done);
}

TEST_F(GatewayCommands, ADevicesCommandsRunOneAtATimeInOrder) {
  online("d1");
  link_->set_responder([](const test::SentRequest&) { return std::nullopt; });
  const DeviceCommand first = submit(CommandKind::stop);
  const DeviceCommand second = submit(CommandKind::start);
  const DeviceCommand other = submit(CommandKind::start, "app", "d2");  // unknown: waits
  ASSERT_TRUE(link_->wait_sent(1));
  EXPECT_EQ(queue().find(second.id)->status, CommandStatus::queued);
  link_->complete_held(test::reply(kChanged));
  EXPECT_EQ(finished(first).status, CommandStatus::done);
  ASSERT_TRUE(link_->wait_sent(2));
  link_->complete_held(test::reply(kChanged));
  EXPECT_EQ(finished(second).status, CommandStatus::done);
  const std::vector<test::SentRequest> sent = link_->sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].request.path, "/c/app/stop");
  EXPECT_EQ(sent[1].request.path, "/c/app/start");
  EXPECT_EQ(queue().find(other.id)->status, CommandStatus::queued);
}

TEST_F(GatewayCommands, AnInstallPointsTheDeviceAtTheStoredEnvelope) {
  online("d1");
  const std::vector<uint8_t> envelope = {0xd8, 0x6b, 0xa1, 0x02, 0x40};
  bool served = false;
  link_->set_responder([&](const test::SentRequest&) {
    // While the device fetches, the envelope is served.
    served = service_->blobs().blob(sha256_hex(envelope)) != nullptr;
    return test::reply(kCreated, cbor({{"name", "app"}, {"version", 1}, {"sequence", 1}}),
                       kFormatCbor);
  });
  const DeviceCommand queued = queue().submit({"d1", CommandKind::install, {}, envelope});
  const std::string key = queued.blob;
  EXPECT_EQ(key, sha256_hex(envelope));
  const DeviceCommand c = finished(queued);
  EXPECT_TRUE(served);
  EXPECT_EQ(c.status, CommandStatus::done);
  EXPECT_EQ(c.coap_code, "2.01");
  const std::vector<test::SentRequest> sent = link_->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].request.method, Method::post);
  EXPECT_EQ(sent[0].request.path, "/c");
  EXPECT_EQ(sent[0].request.content_format, kFormatCbor);
  const dev::JsonResult body = dev::cbor_to_json(sent[0].request.payload);
  ASSERT_TRUE(body.value);
  EXPECT_EQ(*body.value, Json({{"uri", "coap://gateway.test/b/" + key}}));
  EXPECT_EQ(service_->blobs().blob(key), nullptr) << "released once no command needs it";
}

TEST_F(GatewayCommands, NothingIsLostAcrossARestart) {
  online("d1");
  link_->set_responder([](const test::SentRequest&) { return std::nullopt; });
  const DeviceCommand in_flight = submit(CommandKind::stop);
  ASSERT_TRUE(link_->wait_sent(1));
  const std::vector<uint8_t> envelope = {0xa0};
  const DeviceCommand install = queue().submit({"d1", CommandKind::install, {}, envelope});
  close();  // the held answer never comes: the gateway went down

  open(fast_retries());
  EXPECT_EQ(queue().find(in_flight.id)->status, CommandStatus::queued) << "sent: send again";
  EXPECT_EQ(queue().find(install.id)->status, CommandStatus::queued);
  ASSERT_NE(service_->blobs().blob(install.blob), nullptr) << "the envelope is still there";
  online("d1");
  EXPECT_EQ(finished(in_flight).status, CommandStatus::done);
  EXPECT_EQ(finished(in_flight).attempts, 2);
  EXPECT_EQ(finished(install).status, CommandStatus::done);
  ASSERT_EQ(link_->sent().size(), 2u);
  EXPECT_EQ(link_->sent()[0].request.path, "/c/app/stop");
  EXPECT_EQ(link_->sent()[1].request.path, "/c");
}

TEST_F(GatewayCommands, ACommandForADeviceThatStaysAwayExpires) {
  close();
  ServiceOptions o = fast_retries();
  o.commands.retry.max_age = milliseconds(30);
  open(o);
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::failed);
  EXPECT_EQ(c.attempts, 0);
  EXPECT_NE(c.last_error.find("expired"), std::string::npos) << c.last_error;
}

TEST_F(GatewayCommands, ARequestTheLinkNeverCompletesCountsAsATimeout) {
  close();
  ServiceOptions o = fast_retries();
  o.commands.retry.max_attempts = 1;
  o.commands.timeouts.life_cycle = milliseconds(10);
  o.commands.completion_grace = milliseconds(10);
  open(o);
  online("d1");
  link_->set_responder([](const test::SentRequest&) { return std::nullopt; });
  const DeviceCommand c = finished(submit(CommandKind::start));
  EXPECT_EQ(c.status, CommandStatus::failed);
  EXPECT_NE(c.last_error.find("never completed"), std::string::npos) << c.last_error;
  link_->complete_held(test::reply(kChanged));  // too late: ignored
  EXPECT_EQ(queue().find(c.id)->status, CommandStatus::failed);
}

TEST_F(GatewayCommands, ListingFiltersByDeviceAndStatus) {
  online("d1");
  (void)finished(submit(CommandKind::start));
  (void)submit(CommandKind::start, "app", "d2");
  EXPECT_EQ(queue().list({}).size(), 2u);
  EXPECT_EQ(queue().list({"d2", {}, 100}).size(), 1u);
  EXPECT_EQ(queue().list({"", CommandStatus::done, 100}).size(), 1u);
  EXPECT_EQ(queue().list({"d1", CommandStatus::queued, 100}).size(), 0u);
  EXPECT_EQ(queue().list({}).front().device, "d2") << "newest first";
}

}  // namespace
}  // namespace tc::gw
