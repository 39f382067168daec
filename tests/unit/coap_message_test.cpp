// The CoAP message codec (RFC 7252 3): hand-checked byte vectors from the RFC's examples, every
// parse error reason, the extended option encodings at their boundaries, option ordering, and
// clean failure on truncated input and on too small output buffers.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>
#include <vector>

#include "coap/message.hpp"

namespace tc::test {
namespace {

using coap::Code;
using coap::Message;
using coap::OptionNumber;
using coap::ParseReason;
using coap::Type;
using Bytes = std::vector<uint8_t>;

Bytes bytes(std::initializer_list<int> values, std::string_view tail = {}) {
  Bytes b;
  for (int v : values)
    b.push_back(static_cast<uint8_t>(v));
  b.insert(b.end(), tail.begin(), tail.end());
  return b;
}

std::span<const uint8_t> span_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

ParseReason parse(const Bytes& b) {
  Message m;
  return coap::parse(b, m);
}

Bytes serialize(const Message& m) {
  Bytes out(70000);
  const Result<std::size_t> n = coap::serialize(m, out);
  EXPECT_TRUE(n.ok()) << n.status().message();
  out.resize(n.ok() ? *n : 0);
  return out;
}

// RFC 7252 appendix A.1 (figure 16): CON [0x7d34] GET /temperature and its piggybacked
// ACK [0x7d34] 2.05 "22.3 C". Ver 1, T 0, TKL 0 = 0x40; Uri-Path delta 11, length 11 = 0xBB.
TEST(CoapMessage, Rfc7252FigureGetTemperature) {
  const Bytes request = bytes({0x40, 0x01, 0x7d, 0x34, 0xbb}, "temperature");
  Message m;
  ASSERT_EQ(coap::parse(request, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::confirmable);
  EXPECT_EQ(m.code, Code::get);
  EXPECT_EQ(m.message_id, 0x7d34);
  EXPECT_TRUE(m.token.empty());
  ASSERT_EQ(m.options().size(), 1u);
  EXPECT_EQ(m.options()[0].number, OptionNumber::uri_path);
  EXPECT_EQ(m.options()[0].text(), "temperature");
  EXPECT_TRUE(m.payload.empty());
  EXPECT_EQ(serialize(m), request);

  const Bytes response = bytes({0x60, 0x45, 0x7d, 0x34, 0xff}, "22.3 C");
  ASSERT_EQ(coap::parse(response, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::acknowledgement);
  EXPECT_EQ(m.code, Code::content);
  EXPECT_EQ(m.message_id, 0x7d34);
  EXPECT_TRUE(m.options().empty());
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(m.payload.data()), m.payload.size()),
            "22.3 C");
  EXPECT_EQ(serialize(m), response);
}

// RFC 7252 appendix A.2 (figure 17 style): the same request with token 0x20; the separate
// response is CON [0xa6a3] 2.05 token 0x20 (TKL 1 → 0x41), ACKed by an empty ACK [0xa6a3].
TEST(CoapMessage, Rfc7252TokenAndEmptyAck) {
  const Bytes request = bytes({0x41, 0x01, 0x7d, 0x35, 0x20, 0xbb}, "temperature");
  Message m;
  ASSERT_EQ(coap::parse(request, m), ParseReason::ok);
  ASSERT_EQ(m.token.size(), 1u);
  EXPECT_EQ(m.token.bytes()[0], 0x20);
  EXPECT_EQ(serialize(m), request);

  const Bytes separate = bytes({0x41, 0x45, 0xa6, 0xa3, 0x20, 0xff}, "22.3 C");
  ASSERT_EQ(coap::parse(separate, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::confirmable);
  EXPECT_EQ(m.code, Code::content);

  const Bytes empty_ack = bytes({0x60, 0x00, 0xa6, 0xa3});
  ASSERT_EQ(coap::parse(empty_ack, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::acknowledgement);
  EXPECT_EQ(m.code, Code::empty);
  EXPECT_EQ(m.message_id, 0xa6a3);
  EXPECT_EQ(serialize(m), empty_ack);
}

TEST(CoapMessage, EveryHeaderField) {
  const Bytes reset = bytes({0x70, 0x00, 0xff, 0x01});
  Message m;
  ASSERT_EQ(coap::parse(reset, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::reset);
  EXPECT_EQ(m.message_id, 0xff01);

  const Bytes non = bytes({0x58, 0x02, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_EQ(coap::parse(non, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::non_confirmable);
  EXPECT_EQ(m.code, Code::post);
  EXPECT_EQ(m.token.size(), 8u);
  EXPECT_EQ(serialize(m), non);
}

TEST(CoapMessage, ReservedCodeClassesParse) {
  // 1.xx, 6.xx and 7.xx are reserved; rejecting them is the server's decision, not the codec's.
  for (int code : {0x20, 0xc0, 0xe5}) {
    Message m;
    ASSERT_EQ(coap::parse(bytes({0x40, code, 0, 0}), m), ParseReason::ok);
    EXPECT_TRUE(coap::is_reserved_class(m.code));
  }
}

TEST(CoapMessage, CodeHelpers) {
  EXPECT_EQ(coap::code_class(Code::content), 2);
  EXPECT_EQ(coap::code_detail(Code::content), 5);
  EXPECT_EQ(static_cast<uint8_t>(Code::content), 0x45);
  EXPECT_EQ(static_cast<uint8_t>(Code::not_found), 0x84);
  EXPECT_EQ(static_cast<uint8_t>(Code::continue_), 0x5f);
  EXPECT_EQ(static_cast<uint8_t>(Code::request_entity_incomplete), 0x88);
  EXPECT_EQ(coap::to_code(5, 3), Code::service_unavailable);
  EXPECT_TRUE(coap::is_request(Code::del));
  EXPECT_FALSE(coap::is_request(Code::empty));
  EXPECT_TRUE(coap::is_response(Code::proxying_not_supported));
  EXPECT_FALSE(coap::is_response(Code::get));
}

// ---------------------------------------------------------------------------------------------
// Parse errors, one reason each

TEST(CoapParse, TooShort) {
  for (std::size_t n = 0; n < 4; ++n) {
    Bytes b = bytes({0x40, 0x01, 0x00, 0x01});
    b.resize(n);
    EXPECT_EQ(parse(b), ParseReason::too_short) << n;
  }
}

TEST(CoapParse, BadVersion) {
  for (int first : {0x00, 0x80, 0xc0})
    EXPECT_EQ(parse(bytes({first, 0x01, 0, 1})), ParseReason::bad_version);
}

TEST(CoapParse, ReservedTokenLengths) {
  for (int tkl = 9; tkl <= 15; ++tkl) {
    Bytes b = bytes({0x40 | tkl, 0x01, 0, 1});
    b.resize(4 + 15, 0);
    EXPECT_EQ(parse(b), ParseReason::bad_token_length) << tkl;
  }
}

TEST(CoapParse, TruncatedToken) {
  EXPECT_EQ(parse(bytes({0x48, 0x01, 0, 1, 1, 2, 3, 4, 5, 6, 7})), ParseReason::truncated_token);
  EXPECT_EQ(parse(bytes({0x41, 0x01, 0, 1})), ParseReason::truncated_token);
}

TEST(CoapParse, EmptyMessageMustBeEmpty) {
  EXPECT_EQ(parse(bytes({0x41, 0x00, 0, 1, 7})), ParseReason::empty_message_not_empty);
  EXPECT_EQ(parse(bytes({0x41, 0x00, 0, 1})), ParseReason::empty_message_not_empty);
  EXPECT_EQ(parse(bytes({0x60, 0x00, 0, 1, 0xb1, 'a'})), ParseReason::empty_message_not_empty);
  EXPECT_EQ(parse(bytes({0x60, 0x00, 0, 1, 0xff, 'a'})), ParseReason::empty_message_not_empty);
  EXPECT_EQ(parse(bytes({0x60, 0x00, 0, 1, 0xff})), ParseReason::empty_message_not_empty);
}

TEST(CoapParse, ReservedNibbles) {
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xf0})), ParseReason::reserved_delta);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xf1, 'a'})), ParseReason::reserved_delta);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0x0f})), ParseReason::reserved_length);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xbf, 'a'})), ParseReason::reserved_length);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xdf, 0x00})), ParseReason::reserved_length);
}

TEST(CoapParse, TruncatedOption) {
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xd0})), ParseReason::truncated_option);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xe0, 0x00})), ParseReason::truncated_option);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0x0d})), ParseReason::truncated_option);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0x0e, 0x01})), ParseReason::truncated_option);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xb3, 'a', 'b'})), ParseReason::truncated_option);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0x0d, 0x00, 'a'})), ParseReason::truncated_option);
}

TEST(CoapParse, OptionNumberLimit) {
  // 269 + 0xFEF2 = 65535 is the last option number; one more overflows.
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xe0, 0xfe, 0xf2})), ParseReason::ok);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xe0, 0xfe, 0xf3})),
            ParseReason::option_number_too_large);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xe0, 0xff, 0xff})),
            ParseReason::option_number_too_large);
  // Overflow through the running sum: 65535 then delta 1.
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xe0, 0xfe, 0xf2, 0x10})),
            ParseReason::option_number_too_large);
}

TEST(CoapParse, PayloadMarkerWithoutPayload) {
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xff})), ParseReason::empty_payload);
  EXPECT_EQ(parse(bytes({0x40, 0x01, 0, 1, 0xb1, 'a', 0xff})), ParseReason::empty_payload);
}

TEST(CoapParse, TooManyOptions) {
  Bytes b = bytes({0x40, 0x01, 0, 1});
  for (std::size_t i = 0; i < coap::kMaxOptions; ++i)
    b.push_back(i == 0 ? 0xb0 : 0x00);  // Uri-Path "" repeated
  EXPECT_EQ(parse(b), ParseReason::ok);
  b.push_back(0x00);
  EXPECT_EQ(parse(b), ParseReason::too_many_options);
  EXPECT_FALSE(coap::is_format_error(ParseReason::too_many_options));
}

TEST(CoapParse, FailureKeepsHeaderForReset) {
  Message m;
  ASSERT_EQ(coap::parse(bytes({0x42, 0x01, 0x12, 0x34, 0xaa, 0xbb, 0xf0}), m),
            ParseReason::reserved_delta);
  EXPECT_TRUE(coap::is_format_error(ParseReason::reserved_delta));
  EXPECT_EQ(m.type, Type::confirmable);
  EXPECT_EQ(m.message_id, 0x1234);
  EXPECT_EQ(m.token.size(), 2u);
  EXPECT_TRUE(m.options().empty());
  EXPECT_TRUE(m.payload.empty());
}

TEST(CoapParse, EveryReasonHasADescription) {
  for (int r = 0; r <= static_cast<int>(ParseReason::too_many_options); ++r) {
    const std::string_view text = coap::describe(static_cast<ParseReason>(r));
    EXPECT_FALSE(text.empty());
    EXPECT_NE(text, "unknown CoAP parse error");
  }
}

// ---------------------------------------------------------------------------------------------
// Extended delta and length encodings at the boundaries

struct Boundary {
  uint32_t value;
  Bytes encoded;  // the nibble value and the extension bytes
};

const std::vector<Boundary>& boundaries() {
  static const std::vector<Boundary> b = {
      {0, {0}},          {12, {12}},        {13, {13, 0x00}},          {268, {13, 0xff}},
      {269, {14, 0, 0}}, {270, {14, 0, 1}}, {65535, {14, 0xfe, 0xf2}}, {65804, {14, 0xff, 0xff}},
  };
  return b;
}

TEST(CoapExtended, OptionDeltaBoundaries) {
  for (const Boundary& b : boundaries()) {
    if (b.value > 65535) continue;
    Message m;
    m.code = Code::get;
    ASSERT_TRUE(m.add_option(static_cast<OptionNumber>(b.value), span_of("x")).ok());
    Bytes expected = bytes({0x40, 0x01, 0, 0, (b.encoded[0] << 4) | 1});
    expected.insert(expected.end(), b.encoded.begin() + 1, b.encoded.end());
    expected.push_back('x');
    EXPECT_EQ(serialize(m), expected) << b.value;
    Message back;
    ASSERT_EQ(coap::parse(expected, back), ParseReason::ok) << b.value;
    EXPECT_EQ(back, m);
  }
}

TEST(CoapExtended, OptionLengthBoundaries) {
  for (const Boundary& b : boundaries()) {
    const Bytes value(b.value, 0x5a);
    Message m;
    m.code = Code::get;
    ASSERT_TRUE(m.add_option(OptionNumber::if_match, value).ok());
    Bytes expected = bytes({0x40, 0x01, 0, 0, 0x10 | b.encoded[0]});
    expected.insert(expected.end(), b.encoded.begin() + 1, b.encoded.end());
    expected.insert(expected.end(), value.begin(), value.end());
    EXPECT_EQ(serialize(m), expected) << b.value;
    Message back;
    ASSERT_EQ(coap::parse(expected, back), ParseReason::ok) << b.value;
    EXPECT_EQ(back, m);
  }
}

TEST(CoapExtended, OverlongOptionValueRefused) {
  const Bytes value(coap::kMaxOptionLength + 1, 0);
  Message m;
  EXPECT_EQ(m.add_option(OptionNumber::if_match, value).code(), StatusCode::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Option order, repeated options, capacity

TEST(CoapOptions, SerializeSortsStablyAndParseKeepsOrder) {
  Message m;
  m.type = Type::non_confirmable;
  m.code = Code::put;
  m.message_id = 0x0102;
  ASSERT_TRUE(m.add_option(OptionNumber::uri_query, span_of("q")).ok());
  ASSERT_TRUE(m.add_option(OptionNumber::uri_path, span_of("a")).ok());
  ASSERT_TRUE(m.add_option(OptionNumber::content_format, {}).ok());
  ASSERT_TRUE(m.add_option(OptionNumber::uri_path, span_of("b")).ok());
  ASSERT_TRUE(m.add_option(OptionNumber::uri_host, span_of("h")).ok());
  ASSERT_TRUE(m.add_option(OptionNumber::uri_path, span_of("c")).ok());
  // Uri-Host 3, Uri-Path 11 ×3 (deltas 8, 0, 0), Content-Format 12 (1), Uri-Query 15 (3).
  const Bytes expected =
      bytes({0x50, 0x03, 0x01, 0x02, 0x31, 'h', 0x81, 'a', 0x01, 'b', 0x01, 'c', 0x10, 0x31, 'q'});
  const Bytes wire = serialize(m);
  EXPECT_EQ(wire, expected);

  Message back;
  ASSERT_EQ(coap::parse(wire, back), ParseReason::ok);
  const char* order = "abc";
  for (const coap::Option& segment : back.all(OptionNumber::uri_path))
    EXPECT_EQ(segment.text(), std::string_view(order++, 1));
  EXPECT_EQ(*order, '\0');
  EXPECT_EQ(back.find(OptionNumber::uri_host)->text(), "h");
  EXPECT_TRUE(back.has(OptionNumber::content_format));
  EXPECT_FALSE(back.has(OptionNumber::accept));
  EXPECT_EQ(back.find(OptionNumber::accept), nullptr);
}

TEST(CoapOptions, CapacityIsEnforced) {
  Message m;
  for (std::size_t i = 0; i < coap::kMaxOptions; ++i)
    ASSERT_TRUE(m.add_option(OptionNumber::uri_path, {}).ok());
  EXPECT_EQ(m.add_option(OptionNumber::uri_path, {}).code(), StatusCode::resource_exhausted);
  m.clear_options();
  EXPECT_TRUE(m.options().empty());
}

TEST(CoapOptions, EqualityComparesContents) {
  const Bytes one = bytes({0x40, 0x01, 0, 1, 0xb1, 'a', 0xff, 'p'});
  const Bytes two = one;
  Message a;
  Message b;
  ASSERT_EQ(coap::parse(one, a), ParseReason::ok);
  ASSERT_EQ(coap::parse(two, b), ParseReason::ok);
  EXPECT_EQ(a, b);
  Bytes three = one;
  three.back() = 'q';
  ASSERT_EQ(coap::parse(three, b), ParseReason::ok);
  EXPECT_FALSE(a == b);
}

// ---------------------------------------------------------------------------------------------
// Serializer argument checks

TEST(CoapSerialize, EmptyMessageMustBeEmpty) {
  Message m;
  m.type = Type::acknowledgement;
  uint8_t out[32];
  EXPECT_EQ(*coap::serialize(m, out), 4u);
  m.payload = span_of("x");
  EXPECT_EQ(coap::serialize(m, out).status().code(), StatusCode::invalid_argument);
  m.payload = {};
  m.token = *coap::Token::from(bytes({1}));
  EXPECT_EQ(coap::serialize(m, out).status().code(), StatusCode::invalid_argument);
  m.token = {};
  ASSERT_TRUE(m.add_option(OptionNumber::etag, span_of("e")).ok());
  EXPECT_EQ(coap::serialized_size(m).status().code(), StatusCode::invalid_argument);
}

TEST(CoapSerialize, TokenLimit) {
  EXPECT_TRUE(coap::Token::from(Bytes(8, 1)).ok());
  EXPECT_EQ(coap::Token::from(Bytes(9, 1)).status().code(), StatusCode::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// A complex message: every truncation parses cleanly or fails; every short buffer fails cleanly.

Message complex_message(Bytes& storage) {
  storage = Bytes(300, 0x33);
  Message m;
  m.type = Type::confirmable;
  m.code = Code::post;
  m.message_id = 0xbeef;
  m.token = *coap::Token::from(bytes({1, 2, 3, 4, 5}));
  const std::span<const uint8_t> s(storage);
  EXPECT_TRUE(m.add_option(OptionNumber::uri_host, s.first(20)).ok());
  EXPECT_TRUE(m.add_option(OptionNumber::uri_path, span_of("containers")).ok());
  EXPECT_TRUE(m.add_option(OptionNumber::uri_path, span_of("app")).ok());
  EXPECT_TRUE(m.add_option(OptionNumber::content_format, {}).ok());
  EXPECT_TRUE(m.add_option(OptionNumber::block1, s.first(3)).ok());
  EXPECT_TRUE(m.add_option(static_cast<OptionNumber>(2000), s.first(270)).ok());
  m.payload = s.first(40);
  return m;
}

TEST(CoapTruncation, EveryPrefixParsesCleanlyOrFails) {
  Bytes storage;
  const Bytes wire = serialize(complex_message(storage));
  for (std::size_t n = 0; n < wire.size(); ++n) {
    const Bytes prefix(wire.begin(), wire.begin() + static_cast<std::ptrdiff_t>(n));
    Message m;
    const ParseReason reason = coap::parse(prefix, m);
    if (reason == ParseReason::ok) {
      // Only a cut exactly between two options (or before the marker) is a valid message.
      EXPECT_EQ(serialize(m), prefix) << n;
    } else {
      EXPECT_TRUE(m.options().empty()) << n;
    }
  }
  Message whole;
  EXPECT_EQ(coap::parse(wire, whole), ParseReason::ok);
}

TEST(CoapTruncation, EveryShortBufferFailsWithoutWritingPastIt) {
  Bytes storage;
  const Message m = complex_message(storage);
  const std::size_t size = *coap::serialized_size(m);
  ASSERT_EQ(size, serialize(m).size());
  for (std::size_t n = 0; n < size; ++n) {
    Bytes out(size + 8, 0xa5);
    const Result<std::size_t> r = coap::serialize(m, std::span<uint8_t>(out).first(n));
    EXPECT_EQ(r.status().code(), StatusCode::out_of_range) << n;
    for (std::size_t i = n; i < out.size(); ++i)
      ASSERT_EQ(out[i], 0xa5) << "wrote past " << n;
  }
  Bytes exact(size);
  EXPECT_EQ(*coap::serialize(m, exact), size);
}

TEST(CoapEmptyMessage, IsTheHeaderAloneAndParsesBack) {
  const auto ack = coap::empty_message(Type::acknowledgement, 0x1234);
  EXPECT_EQ(std::vector<uint8_t>(ack.begin(), ack.end()),
            (std::vector<uint8_t>{0x60, 0x00, 0x12, 0x34}));
  const auto reset = coap::empty_message(Type::reset, 7);
  Message m;
  ASSERT_EQ(coap::parse(reset, m), ParseReason::ok);
  EXPECT_EQ(m.type, Type::reset);
  EXPECT_EQ(m.code, Code::empty);
  EXPECT_EQ(m.message_id, 7);
}

}  // namespace
}  // namespace tc::test
