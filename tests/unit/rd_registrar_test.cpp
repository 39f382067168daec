// The RFC 9176 registrant (runtime/rd/registrar.hpp) against a recording transport: what it
// sends, and what it does with each kind of answer, timeout and stray datagram.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coap/resource.hpp"
#include "rd/registrar.hpp"
#include "rd_fakes.hpp"

namespace tc::rd::test {
namespace {

using coap::Code;
using coap::OptionNumber;
using coap::Type;

struct NullHandler final : coap::Handler {
  void handle(const coap::Request&, coap::Response&) override {}
};

class RdRegistrar : public ::testing::Test {
 protected:
  RdRegistrar() {
    config.directory = endpoint(1, 5683);
    config.endpoint = "dev-1";
    config.lifetime_s = 60;
    config.base = "coap://192.0.2.7:5700";
    config.links = links;
    // No random spread: timeouts of exactly 1, 2 and 4 s; back-off of exactly b/2.
    config.timing = {.ack_timeout_ms = 1000,
                     .random_permille = 1000,
                     .max_retransmit = 2,
                     .separate_timeout_ms = 5000};
    config.backoff = {.min_ms = 1000, .max_ms = 8000};
    config.datagram = buffer;
  }

  Registrar& make() {
    registrar = std::make_unique<Registrar>(transport, random, config);
    return *registrar;
  }

  // Starts and answers the registration with 2.01 Location-Path rd/4 at `now`.
  Registrar& registered(uint64_t now = 0) {
    Registrar& r = make();
    EXPECT_TRUE(r.start(now).ok());
    EXPECT_TRUE(deliver(
        answer(transport.last().message(), {.code = Code::created, .location = {"rd", "4"}}), now));
    EXPECT_EQ(r.state(), RegistrationState::registered);
    return r;
  }

  // Polls every 100 ms from `from` (exclusive) to `to` (inclusive).
  void advance(uint64_t from, uint64_t to) {
    for (uint64_t t = from + 100; t <= to; t += 100)
      registrar->poll(t);
  }

  bool deliver(const std::vector<uint8_t>& datagram, uint64_t now,
               const coap::Endpoint& from = endpoint(1, 5683)) {
    return registrar->on_datagram(from, datagram, now);
  }

  NullHandler handler;
  coap::Resource links[3] = {
      {.path = "/dev", .handler = &handler, .rt = "tc.dev", .ct = 60},
      {.path = "/c", .prefix = true, .handler = &handler, .rt = "tc.containers", .ct = 60},
      {.path = "/events", .handler = &handler, .rt = "tc.events", .ct = 60, .observable = true},
  };
  RecordingTransport transport;
  FixedRandom random;
  std::array<uint8_t, kMaxRegistrationDatagram> buffer{};
  RegistrarConfig config;
  std::unique_ptr<Registrar> registrar;
};

TEST_F(RdRegistrar, RegistersWithTheQueryAndTheDevicesLinkFormat) {
  Registrar& r = make();
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
  ASSERT_TRUE(r.start(0).ok());
  EXPECT_EQ(r.state(), RegistrationState::registering);
  ASSERT_EQ(transport.sent.size(), 1u);
  EXPECT_EQ(transport.last().to, endpoint(1, 5683));
  const coap::Message m = transport.last().message();
  EXPECT_EQ(m.type, Type::confirmable);
  EXPECT_EQ(m.code, Code::post);
  EXPECT_FALSE(m.token.empty());
  EXPECT_EQ(options(m, OptionNumber::uri_path), std::vector<std::string>{"rd"});
  EXPECT_EQ(options(m, OptionNumber::uri_query),
            (std::vector<std::string>{"ep=dev-1", "lt=60", "base=coap://192.0.2.7:5700"}));
  const coap::Option* format = m.find(OptionNumber::content_format);
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->value.size(), 1u);
  EXPECT_EQ(format->value[0], 40);  // application/link-format
  EXPECT_EQ(std::string(m.payload.begin(), m.payload.end()),
            R"(</dev>;rt="tc.dev";ct=60,</c>;rt="tc.containers";ct=60,)"
            R"(</events>;rt="tc.events";ct=60;obs)");

  EXPECT_TRUE(deliver(answer(m, {.code = Code::created, .location = {"rd", "4"}}), 10));
  EXPECT_EQ(r.state(), RegistrationState::registered);
  EXPECT_EQ(r.location(), "/rd/4");
  EXPECT_EQ(r.next_deadline(), 10u + 45000u);  // the refresh, at 3/4 of 60 s
  EXPECT_EQ(r.stats().registrations, 1u);
}

TEST_F(RdRegistrar, BaseIsLeftOutWhenEmpty) {
  config.base = {};
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  EXPECT_EQ(options(transport.last().message(), OptionNumber::uri_query),
            (std::vector<std::string>{"ep=dev-1", "lt=60"}));
}

TEST_F(RdRegistrar, RefreshesAtThreeQuartersOfTheLifetime) {
  Registrar& r = registered();
  r.poll(44999);
  EXPECT_EQ(transport.sent.size(), 1u);
  r.poll(45000);
  ASSERT_EQ(transport.sent.size(), 2u);
  const coap::Message m = transport.last().message();
  EXPECT_EQ(m.code, Code::post);
  EXPECT_EQ(options(m, OptionNumber::uri_path), (std::vector<std::string>{"rd", "4"}));
  EXPECT_TRUE(options(m, OptionNumber::uri_query).empty());
  EXPECT_TRUE(m.payload.empty());
  EXPECT_EQ(r.state(), RegistrationState::registered);  // still registered meanwhile

  EXPECT_TRUE(deliver(answer(m, {.code = Code::changed}), 45100));
  EXPECT_EQ(r.state(), RegistrationState::registered);
  EXPECT_EQ(r.next_deadline(), 45100u + 45000u);
  EXPECT_EQ(r.stats().refreshes, 1u);
}

TEST_F(RdRegistrar, RefreshAnsweredNotFoundRegistersAgainAtOnce) {
  Registrar& r = registered();
  r.poll(45000);
  EXPECT_TRUE(deliver(answer(transport.last().message(), {.code = Code::not_found}), 45001));
  EXPECT_EQ(r.state(), RegistrationState::registering);
  ASSERT_EQ(transport.sent.size(), 3u);
  const coap::Message m = transport.last().message();
  EXPECT_EQ(options(m, OptionNumber::uri_path), std::vector<std::string>{"rd"});
  EXPECT_EQ(options(m, OptionNumber::uri_query).front(), "ep=dev-1");
  EXPECT_STREQ(r.last_failure().what, "the directory no longer knows the registration");
  EXPECT_EQ(r.last_failure().code, static_cast<uint8_t>(Code::not_found));

  EXPECT_TRUE(deliver(answer(m, {.code = Code::created, .location = {"rd", "9"}}), 45002));
  EXPECT_EQ(r.state(), RegistrationState::registered);
  EXPECT_EQ(r.location(), "/rd/9");
}

TEST_F(RdRegistrar, NoAnswerRetransmitsThenBacksOffThenRegistersAgain) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  const std::vector<uint8_t> first = transport.last().bytes;
  EXPECT_EQ(r.next_deadline(), 1000u);
  r.poll(999);
  EXPECT_EQ(transport.sent.size(), 1u);
  r.poll(1000);  // retransmission 1, then 2 s
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.last().bytes, first);
  r.poll(2999);
  EXPECT_EQ(transport.sent.size(), 2u);
  r.poll(3000);  // retransmission 2, then 4 s
  EXPECT_EQ(transport.sent.size(), 3u);
  r.poll(7000);  // MAX_RETRANSMIT reached: give up
  EXPECT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_STREQ(r.last_failure().what, "no answer from the directory");
  EXPECT_EQ(r.next_deadline(), 7500u);  // the first back-off: [0.5, 1] s
  EXPECT_EQ(r.stats().retransmissions, 2u);

  r.poll(7499);
  EXPECT_EQ(transport.sent.size(), 3u);
  r.poll(7500);
  ASSERT_EQ(transport.sent.size(), 4u);
  EXPECT_EQ(r.state(), RegistrationState::registering);
  const coap::Message again = transport.last().message();
  coap::Message first_message;
  ASSERT_EQ(coap::parse(first, first_message), coap::ParseReason::ok);
  EXPECT_NE(again.message_id, first_message.message_id);  // a new request, not a retransmission

  // The back-off doubles with each failure in a row, up to the bound...
  advance(7500, 14500);
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_EQ(r.next_deadline(), 14500u + 1000u);
  // ... and starts again at the minimum after a success.
  r.poll(15500);
  EXPECT_TRUE(deliver(
      answer(transport.last().message(), {.code = Code::created, .location = {"rd", "1"}}), 15600));
  advance(15600, 15600 + 45000 + 7000);
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_EQ(r.next_deadline(), 15600u + 45000u + 7000u + 500u);
}

TEST_F(RdRegistrar, RefreshWithoutAnswerBacksOffThenRegisters) {
  Registrar& r = registered();
  r.poll(45000);
  r.poll(46000);
  r.poll(48000);
  r.poll(52000);
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_EQ(r.location(), "");
  r.poll(52500);
  EXPECT_EQ(r.state(), RegistrationState::registering);
  EXPECT_EQ(options(transport.last().message(), OptionNumber::uri_path),
            std::vector<std::string>{"rd"});
}

TEST_F(RdRegistrar, RefreshRefusedOtherwiseBacksOff) {
  Registrar& r = registered();
  r.poll(45000);
  // libcoap 4.3.1's coap-rd answers a refresh with 4.05.
  EXPECT_TRUE(
      deliver(answer(transport.last().message(), {.code = Code::method_not_allowed}), 45001));
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_STREQ(r.last_failure().what, "the directory refused the refresh");
  EXPECT_EQ(r.last_failure().code, static_cast<uint8_t>(Code::method_not_allowed));
}

TEST_F(RdRegistrar, AnswersThatAreNotOursAreIgnored) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  const coap::Message m = transport.last().message();
  const std::size_t sent = transport.sent.size();
  // Another message id.
  EXPECT_FALSE(deliver(answer(m, {.code = Code::created,
                                  .message_id = static_cast<uint16_t>(m.message_id + 1),
                                  .location = {"rd", "4"}}),
                       1));
  // Our message id, another token.
  EXPECT_FALSE(deliver(
      answer(m,
             {.code = Code::created, .token = std::vector<uint8_t>{9, 9}, .location = {"rd", "4"}}),
      1));
  // The right answer from another address.
  EXPECT_FALSE(
      deliver(answer(m, {.code = Code::created, .location = {"rd", "4"}}), 1, endpoint(2, 5683)));
  EXPECT_EQ(r.state(), RegistrationState::registering);
  EXPECT_EQ(transport.sent.size(), sent);  // none of them was confirmable: nothing to reset

  // A request on the registrar's own socket is rejected with Reset.
  EXPECT_FALSE(
      deliver(answer(m, {.type = Type::confirmable, .code = Code::get, .message_id = 0x4242}), 1));
  ASSERT_EQ(transport.sent.size(), sent + 1);
  const coap::Message reset = transport.last().message();
  EXPECT_EQ(reset.type, Type::reset);
  EXPECT_EQ(reset.message_id, 0x4242);
  EXPECT_EQ(r.state(), RegistrationState::registering);
}

TEST_F(RdRegistrar, GarbageIsDroppedAndMalformedConfirmablesReset) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  const std::size_t sent = transport.sent.size();
  EXPECT_FALSE(deliver({0x01, 0x02}, 1));              // too short
  EXPECT_FALSE(deliver({0x80, 0x41, 0x00, 0x01}, 1));  // version 2
  EXPECT_EQ(transport.sent.size(), sent);
  EXPECT_FALSE(deliver({0x4f, 0x41, 0x12, 0x34, 0x00}, 1));  // CON, TKL 15: format error
  ASSERT_EQ(transport.sent.size(), sent + 1);
  EXPECT_EQ(transport.last().message().type, Type::reset);
  EXPECT_EQ(transport.last().message().message_id, 0x1234);
  EXPECT_EQ(r.state(), RegistrationState::registering);
}

TEST_F(RdRegistrar, OnASharedTransportWhatIsNotOursIsLeftToTheServer) {
  config.shares_transport = true;
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  const coap::Message m = transport.last().message();
  const std::size_t sent = transport.sent.size();
  // A client's request and a malformed CON: declined, and nothing is reset.
  EXPECT_FALSE(
      deliver(answer(m, {.type = Type::confirmable, .code = Code::get, .message_id = 0x4242}), 1));
  EXPECT_FALSE(deliver({0x4f, 0x41, 0x12, 0x34, 0x00}, 1));
  EXPECT_EQ(transport.sent.size(), sent);
  // Its own answer is still taken.
  EXPECT_TRUE(deliver(answer(m, {.code = Code::created, .location = {"rd", "4"}}), 2));
  EXPECT_EQ(r.state(), RegistrationState::registered);
}

TEST_F(RdRegistrar, BadRegistrationAnswersBackOff) {
  struct Case {
    AnswerSpec spec;
    const char* why;
  };
  const Case cases[] = {
      {{.code = Code::created}, "2.01 without a usable Location-Path"},
      {{.code = Code::created, .location = {"rd/4"}}, "2.01 without a usable Location-Path"},
      {{.code = Code::created, .location = {std::string(80, 'x')}},
       "2.01 without a usable Location-Path"},
      {{.code = Code::bad_request}, "the directory refused the registration"},
      {{.code = Code::changed, .location = {"rd", "4"}}, "the directory refused the registration"},
      {{.code = Code::created, .location = {"rd", "4"}, .extra_option = 9},
       "the answer has an unknown critical option"},
  };
  for (const Case& c : cases) {
    Registrar& r = make();
    ASSERT_TRUE(r.start(0).ok());
    EXPECT_TRUE(deliver(answer(transport.last().message(), c.spec), 5));
    EXPECT_EQ(r.state(), RegistrationState::backing_off) << c.why;
    EXPECT_STREQ(r.last_failure().what, c.why);
    EXPECT_EQ(r.location(), "");
    EXPECT_EQ(r.next_deadline(), 505u);
  }
}

TEST_F(RdRegistrar, ResetOfTheRegistrationBacksOff) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  EXPECT_TRUE(
      deliver(answer(transport.last().message(), {.type = Type::reset, .code = Code::empty}), 1));
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  EXPECT_STREQ(r.last_failure().what, "the directory reset the request");
}

TEST_F(RdRegistrar, SeparateResponseIsAcknowledged) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  const coap::Message m = transport.last().message();
  EXPECT_TRUE(deliver(answer(m, {.code = Code::empty}), 100));  // empty ACK
  r.poll(1000);
  r.poll(3000);
  EXPECT_EQ(transport.sent.size(), 1u);  // no more retransmissions
  const std::vector<uint8_t> separate = answer(m, {.type = Type::confirmable,
                                                   .code = Code::created,
                                                   .message_id = 0x7000,
                                                   .location = {"rd", "5"}});
  EXPECT_TRUE(deliver(separate, 3500));
  EXPECT_EQ(r.state(), RegistrationState::registered);
  EXPECT_EQ(r.location(), "/rd/5");
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.last().message().type, Type::acknowledgement);
  EXPECT_EQ(transport.last().message().message_id, 0x7000);
  // Its retransmission (our ACK was lost) is acknowledged again, and changes nothing.
  EXPECT_TRUE(deliver(separate, 3600));
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.last().message().type, Type::acknowledgement);
  EXPECT_EQ(r.state(), RegistrationState::registered);
}

TEST_F(RdRegistrar, SeparateResponseThatNeverComesBacksOff) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  EXPECT_TRUE(deliver(answer(transport.last().message(), {.code = Code::empty}), 100));
  r.poll(4999);
  EXPECT_EQ(r.state(), RegistrationState::registering);
  r.poll(5000);
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
}

TEST_F(RdRegistrar, StopUnregistersWithDelete) {
  Registrar& r = registered();
  r.stop(100);
  EXPECT_EQ(r.state(), RegistrationState::unregistering);
  const coap::Message m = transport.last().message();
  EXPECT_EQ(m.code, Code::del);
  EXPECT_EQ(options(m, OptionNumber::uri_path), (std::vector<std::string>{"rd", "4"}));
  EXPECT_TRUE(deliver(answer(m, {.code = Code::deleted}), 101));
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
  EXPECT_EQ(r.next_deadline(), std::nullopt);
}

TEST_F(RdRegistrar, StopGivesUpWhenTheDeleteIsNotAnswered) {
  Registrar& r = registered();
  r.stop(100);
  r.poll(1100);
  r.poll(3100);
  r.poll(7100);
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
}

TEST_F(RdRegistrar, StopWhileNotRegisteredSendsNothing) {
  Registrar& r = make();
  ASSERT_TRUE(r.start(0).ok());
  r.stop(1);
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
  EXPECT_EQ(transport.sent.size(), 1u);
  r.poll(100000);
  EXPECT_EQ(transport.sent.size(), 1u);
  // A late answer to the dropped registration is not taken.
  EXPECT_FALSE(deliver(
      answer(transport.last().message(), {.code = Code::created, .location = {"rd", "4"}}), 2));
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
}

TEST_F(RdRegistrar, ARegistrationThatDoesNotFitTheBufferIsRefused) {
  std::array<uint8_t, 64> small{};  // the header fits, the link format does not
  config.datagram = small;
  EXPECT_EQ(make().start(0).code(), StatusCode::invalid_argument);
  config.datagram = {};  // forgotten: said so, not "does not fit"
  const Status forgotten = make().start(0);
  EXPECT_EQ(forgotten.code(), StatusCode::invalid_argument);
  EXPECT_STREQ(forgotten.message(), "no datagram buffer (RegistrarConfig::datagram)");
  EXPECT_TRUE(transport.sent.empty());
}

TEST_F(RdRegistrar, RefreshOnDemand) {
  Registrar& r = registered();
  r.refresh(10);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(options(transport.last().message(), OptionNumber::uri_path),
            (std::vector<std::string>{"rd", "4"}));
  r.refresh(11);  // one in flight already
  EXPECT_EQ(transport.sent.size(), 2u);
  EXPECT_TRUE(deliver(answer(transport.last().message(), {.code = Code::bad_request}), 12));
  EXPECT_EQ(r.state(), RegistrationState::backing_off);
  r.refresh(13);  // backing off: register now
  EXPECT_EQ(r.state(), RegistrationState::registering);
  EXPECT_EQ(options(transport.last().message(), OptionNumber::uri_path),
            std::vector<std::string>{"rd"});
}

TEST_F(RdRegistrar, StartRefusesWhatCannotBeRegistered) {
  const std::string long_name(64, 'n');
  config.endpoint = long_name;
  EXPECT_EQ(make().start(0).code(), StatusCode::invalid_argument);
  config.endpoint = "";
  EXPECT_EQ(make().start(0).code(), StatusCode::invalid_argument);
  config.endpoint = "dev-1";
  config.lifetime_s = 0;
  EXPECT_EQ(make().start(0).code(), StatusCode::invalid_argument);
  config.lifetime_s = 60;
  // Links that do not fit beside the header in one datagram.
  std::vector<std::string> paths(8);
  std::vector<coap::Resource> many(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    paths[i] = "/" + std::string(150, static_cast<char>('a' + i));
    many[i] = {.path = paths[i], .handler = &handler};
  }
  config.links = many;
  Registrar& r = make();
  EXPECT_EQ(r.start(0).code(), StatusCode::invalid_argument);
  EXPECT_EQ(r.state(), RegistrationState::unregistered);
  EXPECT_TRUE(transport.sent.empty());
}

}  // namespace
}  // namespace tc::rd::test
