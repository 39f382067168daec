// Server: observe (RFC 7641): registration, notifications, CON every Nth, deregistration by
// Observe=1, Reset or timeout, replacement, limits, and Block2 notifications.
#include "coap/observe.hpp"
#include "coap_server_fixture.hpp"

namespace tc::coap::testing {
namespace {

class ObserveTest : public ServerTest {
 protected:
  ObserveTest() {
    id = add({.path = "/counter", .handler = &counter, .observable = true});
    plain = add({.path = "/plain", .handler = &counter});
  }

  std::vector<Received> observe(uint32_t option, std::string_view token = "tk",
                                const Endpoint& from = peer(1)) {
    return send(
        Type::confirmable, Code::get, next_mid++, "/counter",
        [&](MessageBuilder& b) {
          b.token(bytes_of(token)).uint_option(OptionNumber::observe, option);
        },
        from);
  }

  std::vector<Received> notify() {
    const std::size_t before = transport.sent.size();
    server.notify(id, now);
    return since(before);
  }

  int value = 0;
  Code code = Code::content;
  FnHandler counter{[this](const Request&, Response& r) {
    r.set_code(code);
    r.body().append_decimal(static_cast<uint64_t>(value));
  }};
  ResourceId id = 0;
  ResourceId plain = 0;
};

TEST_F(ObserveTest, RegistrationAnswersWithObserveAndNotificationsFollow) {
  const auto reg = observe(0);
  ASSERT_EQ(reg.size(), 1u);
  ASSERT_TRUE(reg[0].uint(OptionNumber::observe).has_value());
  EXPECT_EQ(server.observer_count(id), 1u);
  uint32_t last = *reg[0].uint(OptionNumber::observe);
  for (int i = 1; i <= 5; ++i) {
    value = i;
    const auto n = notify();
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].m.type, Type::non_confirmable);
    EXPECT_EQ(text(n[0].m.token.bytes()), "tk");
    EXPECT_EQ(n[0].payload(), std::to_string(i));
    const uint32_t seq = *n[0].uint(OptionNumber::observe);
    EXPECT_TRUE(observe_newer(last, seq));
    last = seq;
  }
}

TEST_F(ObserveTest, NonObservableResourceIgnoresObserve) {
  const auto out = send(Type::confirmable, Code::get, 1, "/plain",
                        [](MessageBuilder& b) { b.uint_option(OptionNumber::observe, 0); });
  EXPECT_FALSE(out[0].m.has(OptionNumber::observe));
  EXPECT_EQ(server.observer_count(plain), 0u);
}

TEST_F(ObserveTest, EveryEighthNotificationIsConfirmable) {
  observe(0);
  std::vector<Type> types;
  for (int i = 0; i < 16; ++i) {
    const auto n = notify();
    types.push_back(n[0].m.type);
    if (n[0].m.type == Type::confirmable) empty(Type::acknowledgement, n[0].m.message_id);
  }
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(types[i], (i % 8 == 7) ? Type::confirmable : Type::non_confirmable) << i;
  EXPECT_EQ(server.in_flight(), 0u);
}

TEST_F(ObserveTest, ConfirmableAtLeastEvery24Hours) {
  observe(0);
  now += 24u * 3600u * 1000u;
  EXPECT_EQ(notify()[0].m.type, Type::confirmable);
}

TEST_F(ObserveTest, DeregisterWithObserveOne) {
  observe(0);
  const auto out = observe(1);
  EXPECT_FALSE(out[0].m.has(OptionNumber::observe));
  EXPECT_EQ(out[0].m.code, Code::content);
  EXPECT_EQ(server.observer_count(id), 0u);
  EXPECT_TRUE(notify().empty());
}

TEST_F(ObserveTest, ResetToNonNotificationRemovesObserver) {
  observe(0);
  const auto n = notify();
  EXPECT_TRUE(empty(Type::reset, n[0].m.message_id).empty());
  EXPECT_EQ(server.observer_count(id), 0u);
}

TEST_F(ObserveTest, ResetToConNotificationRemovesObserver) {
  ServerConfig config;
  observe(0);
  now += config.con_notification_interval_ms;
  const auto n = notify();
  ASSERT_EQ(n[0].m.type, Type::confirmable);
  empty(Type::reset, n[0].m.message_id);
  EXPECT_EQ(server.observer_count(id), 0u);
  EXPECT_EQ(server.in_flight(), 0u);
}

TEST_F(ObserveTest, UnacknowledgedConNotificationRemovesObserver) {
  observe(0);
  now += 24u * 3600u * 1000u;
  const auto n = notify();
  ASSERT_EQ(n[0].m.type, Type::confirmable);
  const uint64_t t0 = now;
  for (uint64_t t = t0; t <= t0 + 100000; t += 500)
    poll_at(t);
  EXPECT_EQ(server.stats().retransmissions, 4u);
  EXPECT_EQ(server.observer_count(id), 0u);
}

TEST_F(ObserveTest, NewStateReplacesConNotificationInFlight) {
  random.value = 0;
  observe(0);
  now += 24u * 3600u * 1000u;
  const auto first = notify();
  ASSERT_EQ(first[0].m.type, Type::confirmable);
  value = 42;
  const auto second = notify();
  ASSERT_EQ(second[0].m.type, Type::confirmable);
  EXPECT_NE(second[0].m.message_id, first[0].m.message_id);
  EXPECT_EQ(server.in_flight(), 1u);
  const auto again = poll_at(now + 2000);  // the retransmission carries the new state
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].payload(), "42");
  empty(Type::acknowledgement, second[0].m.message_id);
  EXPECT_EQ(server.in_flight(), 0u);
  EXPECT_EQ(server.observer_count(id), 1u);
}

TEST_F(ObserveTest, ReRegistrationWithSameTokenReplaces) {
  observe(0);
  observe(0);
  EXPECT_EQ(server.observer_count(id), 1u);
  observe(0, "other");
  EXPECT_EQ(server.observer_count(id), 2u);
  EXPECT_EQ(notify().size(), 2u);
}

TEST_F(ObserveTest, FullRegistryServesWithoutObserve) {
  // Four per resource (the default cap) and four slots.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(observe(0, "t" + std::to_string(i))[0].uint(OptionNumber::observe).has_value());
  const auto fifth = observe(0, "t4");
  EXPECT_EQ(fifth[0].m.code, Code::content);
  EXPECT_FALSE(fifth[0].m.has(OptionNumber::observe));
  EXPECT_EQ(server.observer_count(id), 4u);
}

TEST_F(ObserveTest, ErrorNotificationEndsObservation) {
  observe(0);
  code = Code::not_found;
  const auto n = notify();
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].m.code, Code::not_found);
  EXPECT_FALSE(n[0].m.has(OptionNumber::observe));
  EXPECT_EQ(server.observer_count(id), 0u);
}

TEST_F(ObserveTest, ErrorResponseDoesNotRegister) {
  code = Code::internal_server_error;
  const auto out = observe(0);
  EXPECT_FALSE(out[0].m.has(OptionNumber::observe));
  EXPECT_EQ(server.observer_count(id), 0u);
}

TEST_F(ObserveTest, RemovingTheResourceSendsFinalNotFound) {
  observe(0);
  const std::size_t before = transport.sent.size();
  ASSERT_TRUE(server.remove_resource(id, now).ok());
  const auto out = since(before);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].m.code, Code::not_found);
  EXPECT_EQ(text(out[0].m.token.bytes()), "tk");
  EXPECT_EQ(server.observer_count(id), 0u);
}

TEST_F(ObserveTest, NotificationsRebuildThePathAndQuery) {
  std::string seen;
  FnHandler prefix{[&](const Request& req, Response& r) {
    seen.clear();
    for (const Option& o : req.message.options()) {
      if (o.number != OptionNumber::observe) seen += std::string(o.text()) + "|";
    }
    seen += std::to_string(req.path_depth) + (req.notification ? "n" : "r");
    r.append("x");
  }};
  const ResourceId c =
      add({.path = "/c/app", .prefix = true, .handler = &prefix, .observable = true});
  send(Type::confirmable, Code::get, 1, "/c/app/temp",
       [](MessageBuilder& b) { b.uint_option(OptionNumber::observe, 0).query("unit=c"); });
  EXPECT_EQ(seen, "c|app|temp|unit=c|2r");
  server.notify(c, now);
  EXPECT_EQ(seen, "c|app|temp|unit=c|2n");
}

TEST_F(ObserveTest, LargeNotificationCarriesFirstBlock) {
  FnHandler big{[](const Request&, Response& r) { r.append(std::string(100, 'b')); }};
  const ResourceId b = add({.path = "/big", .handler = &big, .observable = true});
  const auto reg = send(Type::confirmable, Code::get, 1, "/big", [](MessageBuilder& m) {
    m.uint_option(OptionNumber::observe, 0).block(OptionNumber::block2, {0, false, 1});
  });
  EXPECT_EQ(reg[0].block(OptionNumber::block2), (Block{0, true, 1}));
  EXPECT_TRUE(reg[0].m.has(OptionNumber::observe));
  const std::size_t before = transport.sent.size();
  server.notify(b, now);
  const auto n = since(before);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].block(OptionNumber::block2), (Block{0, true, 1}));
  EXPECT_EQ(n[0].payload(), std::string(32, 'b'));
  // Later blocks come by plain GET and do not register again.
  const auto next = send(Type::confirmable, Code::get, 2, "/big", [](MessageBuilder& m) {
    m.block(OptionNumber::block2, {1, false, 1});
  });
  EXPECT_EQ(next[0].payload(), std::string(32, 'b'));
  EXPECT_EQ(server.observer_count(b), 1u);
}

}  // namespace
}  // namespace tc::coap::testing
