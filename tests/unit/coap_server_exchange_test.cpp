// Server: piggybacked and NON responses, deduplication, rejection, separate responses and the
// retransmission of confirmable messages the server sends (RFC 7252 4, 5.2).
#include "coap_server_fixture.hpp"

namespace tc::coap::testing {
namespace {

class ExchangeTest : public ServerTest {
 protected:
  ExchangeTest() {
    hello_id = add({.path = "/hello", .allowed = methods::get | methods::put, .handler = &hello});
  }
  FnHandler hello{[](const Request&, Response& r) {
    r.set_format(ContentFormat::text_plain);
    r.append("world");
  }};
  ResourceId hello_id = 0;
};

TEST_F(ExchangeTest, ConRequestGetsPiggybackedAck) {
  const auto out = send(Type::confirmable, Code::get, 0x1234, "/hello");
  ASSERT_EQ(out.size(), 1u);
  const Message& m = out[0].m;
  EXPECT_EQ(m.type, Type::acknowledgement);
  EXPECT_EQ(m.message_id, 0x1234);
  EXPECT_EQ(m.code, Code::content);
  EXPECT_EQ(text(m.token.bytes()), "tk");
  EXPECT_EQ(out[0].payload(), "world");
  EXPECT_EQ(out[0].uint(OptionNumber::content_format), 0u);
  EXPECT_FALSE(m.has(OptionNumber::block2));  // fits in one block: no Block2
}

TEST_F(ExchangeTest, NonRequestGetsNonResponseWithOwnMessageId) {
  const auto a = send(Type::non_confirmable, Code::get, 0x1234, "/hello");
  const auto b = send(Type::non_confirmable, Code::get, 0x1235, "/hello");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].m.type, Type::non_confirmable);
  EXPECT_EQ(text(a[0].m.token.bytes()), "tk");
  EXPECT_EQ(a[0].payload(), "world");
  EXPECT_NE(a[0].m.message_id, b[0].m.message_id);
  EXPECT_EQ(static_cast<uint16_t>(a[0].m.message_id + 1), b[0].m.message_id);
}

TEST_F(ExchangeTest, FirstMessageIdComesFromTheRandomSource) {
  FakeTransport t;
  FakeRandom r;
  r.value = 0xABCD0042;
  StaticServerMemory<kCaps> mem;
  Server s(mem.view(), t, r);
  ASSERT_TRUE(s.add_resource({.path = "/hello", .handler = &hello}).ok());
  uint8_t storage[64];
  MessageBuilder b(Type::non_confirmable, Code::get, 1, storage);
  b.path("/hello");
  s.receive(peer(1), datagram(b), 0);
  ASSERT_EQ(t.sent.size(), 1u);
  EXPECT_EQ(Received(t.sent[0].bytes).m.message_id, 0x0042);
}

TEST_F(ExchangeTest, DuplicateConIsAnsweredFromCacheWithoutRunningHandler) {
  const auto first = send(Type::confirmable, Code::put, 7, "/hello");
  const auto again = send(Type::confirmable, Code::put, 7, "/hello");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].bytes, first[0].bytes);
  EXPECT_EQ(hello.calls, 1);
  EXPECT_EQ(server.stats().duplicates, 1u);
  // Same message id from another peer is a different exchange.
  send(Type::confirmable, Code::put, 7, "/hello", {}, peer(2));
  EXPECT_EQ(hello.calls, 2);
}

TEST_F(ExchangeTest, DuplicateNonGetsTheSameNonResponse) {
  const auto first = send(Type::non_confirmable, Code::get, 9, "/hello");
  const auto again = send(Type::non_confirmable, Code::get, 9, "/hello");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].bytes, first[0].bytes);
  EXPECT_EQ(hello.calls, 1);
}

TEST_F(ExchangeTest, DeduplicationEndsAfterExchangeLifetime) {
  send(Type::confirmable, Code::get, 7, "/hello");
  now += 246999;
  send(Type::confirmable, Code::get, 7, "/hello");
  EXPECT_EQ(hello.calls, 1);
  now += 1;
  send(Type::confirmable, Code::get, 7, "/hello");
  EXPECT_EQ(hello.calls, 2);
}

TEST_F(ExchangeTest, NonDeduplicationEndsAfterNonLifetime) {
  send(Type::non_confirmable, Code::get, 7, "/hello");
  now += 145000;
  send(Type::non_confirmable, Code::get, 7, "/hello");
  EXPECT_EQ(hello.calls, 2);
}

TEST_F(ExchangeTest, FullCacheEvictsTheOldestExchange) {
  for (uint16_t mid = 1; mid <= kCaps.dedup + 1; ++mid)
    send(Type::confirmable, Code::get, mid, "/hello");
  EXPECT_EQ(hello.calls, static_cast<int>(kCaps.dedup + 1));
  send(Type::confirmable, Code::get, kCaps.dedup + 1, "/hello");  // still cached
  EXPECT_EQ(hello.calls, static_cast<int>(kCaps.dedup + 1));
  send(Type::confirmable, Code::get, 1, "/hello");  // evicted: runs again
  EXPECT_EQ(hello.calls, static_cast<int>(kCaps.dedup + 2));
}

TEST_F(ExchangeTest, ErrorsNotFoundMethodNotAllowedBadOption) {
  EXPECT_EQ(get("/nothing")[0].m.code, Code::not_found);
  EXPECT_EQ(send(Type::confirmable, Code::post, 1, "/hello")[0].m.code, Code::method_not_allowed);
  // Option 9 is critical (odd) and unregistered: 4.02; option 2000 is elective: ignored.
  const auto bad = get("/hello", [](MessageBuilder& b) {
    b.option(static_cast<OptionNumber>(9), std::string_view("x"));
  });
  EXPECT_EQ(bad[0].m.code, Code::bad_option);
  const auto ok = get("/hello", [](MessageBuilder& b) {
    b.option(static_cast<OptionNumber>(2000), std::string_view("x"));
  });
  EXPECT_EQ(ok[0].m.code, Code::content);
  // A repeated non-repeatable critical option (two Uri-Host) is bad too.
  const auto twice = get("/hello", [](MessageBuilder& b) {
    b.option(OptionNumber::uri_host, std::string_view("a"))
        .option(OptionNumber::uri_host, std::string_view("b"));
  });
  EXPECT_EQ(twice[0].m.code, Code::bad_option);
  EXPECT_EQ(hello.calls, 1);
}

TEST_F(ExchangeTest, ContentFormatAndAcceptChecks) {
  static constexpr ContentFormat kCbor[] = {ContentFormat::cbor};
  FnHandler h{[](const Request&, Response& r) { r.set_code(Code::changed); }};
  add({.path = "/cbor",
       .allowed = methods::put | methods::get,
       .handler = &h,
       .ct = 60,
       .accepts = kCbor});
  const auto wrong = send(Type::confirmable, Code::put, 1, "/cbor", [](MessageBuilder& b) {
    b.content_format(ContentFormat::text_plain).payload(std::string_view("x"));
  });
  EXPECT_EQ(wrong[0].m.code, Code::unsupported_content_format);
  const auto right = send(Type::confirmable, Code::put, 2, "/cbor", [](MessageBuilder& b) {
    b.content_format(ContentFormat::cbor).payload(std::string_view("x"));
  });
  EXPECT_EQ(right[0].m.code, Code::changed);
  const auto accept =
      get("/cbor", [](MessageBuilder& b) { b.uint_option(OptionNumber::accept, 50); });
  EXPECT_EQ(accept[0].m.code, Code::not_acceptable);
}

TEST_F(ExchangeTest, FormatErrorInConIsReset) {
  // CON, TKL 2 but only one token byte: truncated token.
  const auto out = deliver({0x42, 0x01, 0x12, 0x34, 0xAA});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].m.type, Type::reset);
  EXPECT_EQ(out[0].m.code, Code::empty);
  EXPECT_EQ(out[0].m.message_id, 0x1234);
  EXPECT_TRUE(out[0].m.token.empty());
}

TEST_F(ExchangeTest, FormatErrorInNonAndGarbageAreDroppedSilently) {
  EXPECT_TRUE(deliver({0x52, 0x01, 0x12, 0x34, 0xAA}).empty());  // NON, truncated token
  EXPECT_TRUE(deliver({0x40, 0x01}).empty());                    // shorter than a header
  EXPECT_TRUE(deliver({0x80, 0x01, 0x12, 0x34}).empty());        // version 2
  EXPECT_TRUE(deliver({}).empty());
  EXPECT_EQ(server.stats().resets_sent, 0u);
}

TEST_F(ExchangeTest, PingReservedClassAndUnexpectedResponseAreReset) {
  const auto ping = deliver({0x40, 0x00, 0x00, 0x05});
  ASSERT_EQ(ping.size(), 1u);
  EXPECT_EQ(ping[0].m.type, Type::reset);
  EXPECT_EQ(ping[0].m.message_id, 5);
  const auto reserved = deliver({0x40, make_code(1, 1), 0x00, 0x06});
  ASSERT_EQ(reserved.size(), 1u);
  EXPECT_EQ(reserved[0].m.type, Type::reset);
  const auto response = deliver({0x40, make_code(2, 5), 0x00, 0x07});
  ASSERT_EQ(response.size(), 1u);
  EXPECT_EQ(response[0].m.type, Type::reset);
  EXPECT_TRUE(deliver({0x50, make_code(2, 5), 0x00, 0x08}).empty());  // NON response: ignored
  EXPECT_TRUE(deliver({0x60, 0x00, 0x00, 0x09}).empty());             // stray ACK: ignored
}

TEST_F(ExchangeTest, TooManyOptionsIsResetForCon) {
  // 17 empty Uri-Path options: more than the device keeps.
  std::vector<uint8_t> d = {0x40, 0x01, 0x00, 0x0A};
  for (int i = 0; i < 17; ++i)
    d.push_back(i == 0 ? 0xB0 : 0x00);  // Uri-Path "" x17
  const auto reset = deliver(d);
  ASSERT_EQ(reset.size(), 1u);
  EXPECT_EQ(reset[0].m.type, Type::reset);
  EXPECT_EQ(reset[0].m.message_id, 0x0A);
}

// ------------------------------------------------------------------------- separate responses

class SeparateTest : public ServerTest {
 protected:
  SeparateTest() { add({.path = "/slow", .handler = &slow}); }
  FnHandler slow{[this](const Request&, Response& r) {
    const Result<Ticket> t = r.defer();
    if (t.ok()) tickets.push_back(*t);
  }};
  std::vector<Ticket> tickets;
};

TEST_F(SeparateTest, ConRequestGetsEmptyAckThenConResponse) {
  const auto ack = send(Type::confirmable, Code::get, 0x55, "/slow");
  ASSERT_EQ(ack.size(), 1u);
  EXPECT_EQ(ack[0].m.type, Type::acknowledgement);
  EXPECT_EQ(ack[0].m.code, Code::empty);
  EXPECT_EQ(ack[0].m.message_id, 0x55);
  EXPECT_TRUE(ack[0].m.token.empty());
  ASSERT_EQ(tickets.size(), 1u);
  // The client retransmits before the answer: the empty ACK again, handler not re-run.
  const auto dup = send(Type::confirmable, Code::get, 0x55, "/slow");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].m.code, Code::empty);
  EXPECT_EQ(slow.calls, 1);

  const std::size_t before = transport.sent.size();
  ASSERT_TRUE(
      server.respond(tickets[0], Code::content, ContentFormat::text_plain, bytes_of("done"), now)
          .ok());
  const auto resp = since(before);
  ASSERT_EQ(resp.size(), 1u);
  EXPECT_EQ(resp[0].m.type, Type::confirmable);
  EXPECT_NE(resp[0].m.message_id, 0x55);
  EXPECT_EQ(text(resp[0].m.token.bytes()), "tk");
  EXPECT_EQ(resp[0].payload(), "done");
  EXPECT_EQ(server.in_flight(), 1u);
  // The client's ACK ends it; no retransmission afterwards.
  EXPECT_TRUE(empty(Type::acknowledgement, resp[0].m.message_id).empty());
  EXPECT_EQ(server.in_flight(), 0u);
  EXPECT_TRUE(poll_at(now + 100000).empty());
  // The ticket is spent.
  EXPECT_EQ(server.respond(tickets[0], Code::content, {}, {}, now).code(), StatusCode::not_found);
}

TEST_F(SeparateTest, NonRequestGetsNonResponseLater) {
  EXPECT_TRUE(send(Type::non_confirmable, Code::get, 0x56, "/slow").empty());
  ASSERT_EQ(tickets.size(), 1u);
  const std::size_t before = transport.sent.size();
  ASSERT_TRUE(server.respond(tickets[0], Code::content, {}, bytes_of("late"), now).ok());
  const auto resp = since(before);
  ASSERT_EQ(resp.size(), 1u);
  EXPECT_EQ(resp[0].m.type, Type::non_confirmable);
  EXPECT_EQ(resp[0].payload(), "late");
  EXPECT_EQ(server.in_flight(), 0u);
}

TEST_F(SeparateTest, RetransmitsWithExponentialBackoffThenGivesUp) {
  random.value = 0;  // initial timeout exactly ACK_TIMEOUT
  send(Type::confirmable, Code::get, 0x57, "/slow");
  const uint64_t t0 = now;
  ASSERT_TRUE(server.respond(tickets[0], Code::content, {}, bytes_of("x"), t0).ok());
  const std::vector<uint8_t> original = transport.sent.back().bytes;
  EXPECT_EQ(server.next_deadline(), t0 + 2000);
  uint64_t due = t0;
  uint32_t timeout = 2000;
  for (int i = 0; i < 4; ++i) {
    due += timeout;
    EXPECT_TRUE(poll_at(due - 1).empty()) << i;
    const auto again = poll_at(due);
    ASSERT_EQ(again.size(), 1u) << i;
    EXPECT_EQ(again[0].bytes, original);
    timeout *= 2;
  }
  due += timeout;  // 2 + 4 + 8 + 16 + 32 = 62 s: MAX_TRANSMIT_WAIT for ACK_TIMEOUT 2 s
  EXPECT_EQ(due - t0, 62000u);
  EXPECT_TRUE(poll_at(due - 1).empty());
  EXPECT_TRUE(poll_at(due).empty());
  EXPECT_EQ(server.in_flight(), 0u);
  EXPECT_EQ(server.stats().retransmissions, 4u);
  EXPECT_EQ(server.stats().gave_up, 1u);
}

TEST_F(SeparateTest, InitialTimeoutIsRandomisedUpToFactor) {
  random.value = 1000;  // the top of [2000, 3000]
  send(Type::confirmable, Code::get, 0x58, "/slow");
  ASSERT_TRUE(server.respond(tickets[0], Code::content, {}, {}, now).ok());
  EXPECT_EQ(server.next_deadline(), now + 3000);
  EXPECT_TRUE(poll_at(now + 2999).empty());
  EXPECT_EQ(poll_at(now + 1).size(), 1u);
  EXPECT_EQ(server.next_deadline(), now + 6000);
}

TEST_F(SeparateTest, ResetAlsoEndsRetransmission) {
  send(Type::confirmable, Code::get, 0x59, "/slow");
  ASSERT_TRUE(server.respond(tickets[0], Code::content, {}, {}, now).ok());
  EXPECT_TRUE(empty(Type::reset, Received(transport.sent.back().bytes).m.message_id).empty());
  EXPECT_EQ(server.in_flight(), 0u);
}

TEST_F(SeparateTest, OutOfDeferredSlotsIsServiceUnavailable) {
  send(Type::confirmable, Code::get, 1, "/slow");
  send(Type::confirmable, Code::get, 2, "/slow");
  const auto busy = send(Type::confirmable, Code::get, 3, "/slow");
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(busy[0].m.code, Code::service_unavailable);
  EXPECT_EQ(busy[0].m.type, Type::acknowledgement);
  EXPECT_EQ(tickets.size(), 2u);
  EXPECT_EQ(server.deferred_pending(), 2u);
  // Deferred requests the application never answers are forgotten.
  poll_at(now + 247000);
  EXPECT_EQ(server.deferred_pending(), 0u);
  EXPECT_EQ(server.respond(tickets[0], Code::content, {}, {}, now).code(), StatusCode::not_found);
}

TEST_F(SeparateTest, LargeSeparateResponseStartsBlockwise) {
  send(Type::confirmable, Code::get, 1, "/slow", [](MessageBuilder& b) {
    b.block(OptionNumber::block2, {0, false, 2});
  });
  const std::string body(200, 'z');
  const std::size_t before = transport.sent.size();
  ASSERT_TRUE(server.respond(tickets[0], Code::content, {}, bytes_of(body), now).ok());
  const auto resp = since(before);
  ASSERT_EQ(resp.size(), 1u);
  EXPECT_EQ(resp[0].payload().size(), 64u);
  EXPECT_EQ(resp[0].block(OptionNumber::block2), (Block{0, true, 2}));
  EXPECT_EQ(resp[0].uint(OptionNumber::size2), 200u);
  // Tagged like a block the server renders itself: FNV-1a 32 of the whole body, big-endian.
  const Option* etag = resp[0].m.find(OptionNumber::etag);
  ASSERT_NE(etag, nullptr);
  PayloadWriter whole;
  whole.append(bytes_of(body));
  const uint32_t tag = whole.tag();
  EXPECT_EQ(
      std::vector<uint8_t>(etag->value.begin(), etag->value.end()),
      (std::vector<uint8_t>{static_cast<uint8_t>(tag >> 24U), static_cast<uint8_t>(tag >> 16U),
                            static_cast<uint8_t>(tag >> 8U), static_cast<uint8_t>(tag)}));
}

}  // namespace
}  // namespace tc::coap::testing
