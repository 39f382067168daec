// Install by reference (POST /c {"uri": "coap://..."}, runtime/mgmt/install.cpp) through the real
// CoAP server and management tree, over the agent's fakes and a fake fetcher: the fetched body is
// installed exactly as if it had been posted (same checks, same answers), a failed fetch is
// fetch_failed (5.02), and a malformed reference changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "agent_fakes.hpp"
#include "cbor/diagnostic.hpp"
#include "cbor/writer.hpp"
#include "coap/server.hpp"
#include "manifest/codec.hpp"
#include "mgmt/tree.hpp"
#include "rd_fakes.hpp"

namespace tc::mgmt {
namespace {

using coap::Code;
using rd::test::FixedRandom;
using rd::test::RecordingTransport;

constexpr uint32_t kInstallBytes = 64 * 1024;
constexpr coap::Capacities kCaps{.transfers = 1, .transfer_bytes = 4096};

class FakeFetcher final : public suit::Fetcher {
 public:
  Result<suit::Bytes> fetch(std::string_view uri, std::span<uint8_t> into) override {
    uris.emplace_back(uri);
    if (!answer) return Status(StatusCode::failed_precondition, "no answer within the limit");
    if (body.size() > into.size()) return Status(StatusCode::out_of_range, "too large");
    std::copy(body.begin(), body.end(), into.begin());
    return suit::Bytes(into.data(), body.size());
  }
  bool answer = true;
  std::vector<uint8_t> body;
  std::vector<std::string> uris;
};

struct Reply {
  Code code = Code::empty;
  std::string diagnostic;  // the payload in CBOR diagnostic notation
  std::vector<std::string> location;
};

std::vector<uint8_t> cbor_map_of_uri(std::string_view uri) {
  std::vector<uint8_t> out(uri.size() + 16);
  cbor::Writer w(out);
  w.write_map(1);
  w.write_text("uri");
  w.write_text(uri);
  out.resize(w.written().size());
  return out;
}

std::vector<uint8_t> install_body(const std::vector<uint8_t>& image,
                                  const std::vector<uint8_t>& manifest_cbor) {
  std::vector<uint8_t> out(image.size() + manifest_cbor.size() + 32);
  cbor::Writer w(out);
  w.write_array(2);
  w.write_bytes(image);
  w.write_bytes(manifest_cbor);
  out.resize(w.written().size());
  return out;
}

manifest::Manifest probe_manifest() {
  manifest::Manifest m = agent::test::make_manifest("probe");
  m.memory.storage_bytes = 64;
  agent::test::add_endpoint(m, 1, "sensor/temperature", manifest::Direction::read);
  agent::test::add_endpoint(m, 6, "channel/alerts", manifest::Direction::write,
                            manifest::TargetKind::channel);
  agent::test::add_export(m, "probe");
  return m;
}

class MgmtReference : public ::testing::Test {
 protected:
  void SetUp() override { build(true, true); }

  void build(bool insecure, bool with_fetcher) {
    tree.reset();
    memory = std::make_unique<coap::StaticServerMemory<kCaps>>();
    server = std::make_unique<coap::Server>(memory->view(), transport, random, server_config());
    TreeConfig c;
    c.device = {
        .id = "dev-1", .firmware = "test", .pool_bytes = 0, .capacity = 4, .insecure = insecure};
    c.clock = &h.clock;
    c.resources = &h.resources;
    c.max_install = kInstallBytes;
    c.scratch = {reinterpret_cast<uint8_t*>(scratch.data()), kInstallBytes};
    c.suit.fetcher = with_fetcher ? &fetcher : nullptr;
    c.reference_buffer = {reinterpret_cast<uint8_t*>(reference.data()), kInstallBytes};
    tree = std::make_unique<Tree>(*server, c);
    h.config.responses = tree.get();
    h.agent = std::make_unique<agent::Agent>(
        agent::Ports{h.clock, h.watchdog, *h.storage, h.resources, h.entropy}, h.config);
    ASSERT_TRUE(h.begin().ok());
    ASSERT_TRUE(tree->attach(*h.agent).ok());
  }

  static coap::ServerConfig server_config() {
    coap::ServerConfig sc;
    sc.max_body = 4096;
    return sc;
  }

  Reply post_c(const std::vector<uint8_t>& body) {
    std::array<uint8_t, 64> storage{};
    coap::MessageBuilder b(coap::Type::confirmable, Code::post, ++message_id, storage);
    const uint8_t token[] = {0x51, static_cast<uint8_t>(message_id)};
    b.token(token).path("/c").content_format(coap::ContentFormat::cbor).payload(body);
    std::vector<uint8_t> datagram(2048);
    const Result<std::size_t> n = b.serialize(datagram);
    EXPECT_TRUE(n.ok());
    const std::size_t before = transport.sent.size();
    server->receive(rd::test::endpoint(1, 40000), {datagram.data(), *n}, h.clock.ms);
    EXPECT_EQ(transport.sent.size(), before + 1);
    Reply r;
    if (transport.sent.size() == before) return r;
    const coap::Message m = transport.last().message();
    r.code = m.code;
    r.location = rd::test::options(m, coap::OptionNumber::location_path);
    std::vector<char> text(4096);
    if (!m.payload.empty() && cbor::diagnostic(m.payload, text) == cbor::Error::ok)
      r.diagnostic = text.data();
    return r;
  }

  std::vector<uint8_t> valid_body() {
    std::vector<uint8_t> cbor(2048);
    const Result<std::size_t> n = manifest::encode(probe_manifest(), cbor);
    EXPECT_TRUE(n.ok());
    cbor.resize(n.ok() ? *n : 0);
    return install_body(agent::test::image("probe"), cbor);
  }

  std::size_t refusals() { return h.events(agent::EventKind::install_refused).size(); }

  agent::test::Harness h;
  std::unique_ptr<coap::StaticServerMemory<kCaps>> memory;
  RecordingTransport transport;
  FixedRandom random;
  std::unique_ptr<coap::Server> server;
  FakeFetcher fetcher;
  std::vector<uint64_t> scratch = std::vector<uint64_t>(kInstallBytes / 8);
  std::vector<uint64_t> reference = std::vector<uint64_t>(kInstallBytes / 8);
  std::unique_ptr<Tree> tree;
  uint16_t message_id = 0;
};

TEST_F(MgmtReference, FetchesTheBodyAndInstallsIt) {
  fetcher.body = valid_body();
  ASSERT_GT(fetcher.body.size(), 1024u);  // larger than anything posted in one datagram
  const Reply r = post_c(cbor_map_of_uri("coap://192.0.2.1:5683/b/abc"));
  EXPECT_EQ(r.code, Code::created) << r.diagnostic;
  EXPECT_EQ(r.location, (std::vector<std::string>{"c", "probe"}));
  EXPECT_EQ(r.diagnostic, R"({"name": "probe", "version": 1, "sequence": 0})");
  EXPECT_EQ(fetcher.uris, std::vector<std::string>{"coap://192.0.2.1:5683/b/abc"});
  EXPECT_TRUE(h.agent->status("probe").ok());
  EXPECT_EQ(refusals(), 0u);
}

TEST_F(MgmtReference, AFetchedBodyGetsTheSameAnswerAsAPostedOne) {
  const std::vector<std::vector<uint8_t>> bodies = {
      {0x01, 0x02, 0x03},              // not CBOR at all
      {0xa2, 0x02, 0x40, 0x03, 0x40},  // a map that is no valid envelope
      install_body({0x00}, {0xa0}),    // [image, manifest] with a bad manifest
  };
  for (const std::vector<uint8_t>& body : bodies) {
    const Reply posted = post_c(body);
    fetcher.body = body;
    const Reply fetched = post_c(cbor_map_of_uri("coap://192.0.2.1/b/x"));
    EXPECT_NE(posted.code, Code::created);
    EXPECT_FALSE(posted.diagnostic.empty());
    EXPECT_EQ(fetched.code, posted.code) << posted.diagnostic;
    EXPECT_EQ(fetched.diagnostic, posted.diagnostic);
  }
  // An unsigned body on a device that takes only envelopes: refused the same way.
  build(false, true);
  fetcher.body = valid_body();
  const Reply fetched = post_c(cbor_map_of_uri("coap://192.0.2.1/b/x"));
  EXPECT_EQ(fetched.code, Code::forbidden);
  EXPECT_EQ(fetched.diagnostic,
            R"({"error": "unsigned install refused: the device requires a SUIT envelope", )"
            R"("reason": "unsigned_envelope"})");
  EXPECT_FALSE(h.agent->status("probe").ok());
}

TEST_F(MgmtReference, AFailedFetchIsFetchFailed) {
  fetcher.answer = false;
  const std::size_t before = refusals();
  const Reply r = post_c(cbor_map_of_uri("coap://192.0.2.1/b/x"));
  EXPECT_EQ(r.code, Code::bad_gateway);
  EXPECT_EQ(r.diagnostic,
            R"({"error": "fetch: no answer within the limit", "reason": "fetch_failed"})");
  EXPECT_EQ(refusals(), before + 1);
  EXPECT_FALSE(h.agent->status("probe").ok());
}

TEST_F(MgmtReference, MalformedReferencesAreRefusedWithoutAFetch) {
  struct Case {
    std::vector<uint8_t> body;
    const char* error;
  };
  std::vector<uint8_t> two_keys = {0xa2, 0x63, 'u', 'r', 'i', 0x61, 'x', 0x61, 'y', 0x01};
  std::vector<uint8_t> not_text = {0xa1, 0x63, 'u', 'r', 'i', 0x05};
  std::vector<uint8_t> trailing = cbor_map_of_uri("coap://192.0.2.1/x");
  trailing.push_back(0x00);
  const Case cases[] = {
      {two_keys, R"(malformed body: expected a CBOR map {\"uri\": text})"},
      {not_text, "malformed body: uri is not a text string"},
      {cbor_map_of_uri(""), "malformed body: uri must have 1 to 255 bytes"},
      {cbor_map_of_uri(std::string(256, 'a')), "malformed body: uri must have 1 to 255 bytes"},
      {trailing, "malformed body: bytes after the map"},
      {cbor_map_of_uri("http://192.0.2.1/x"),
       "install by reference: only coap:// URIs are supported"},
      {cbor_map_of_uri("coaps://192.0.2.1/x"),
       "install by reference: coaps:// (DTLS) is not supported: only coap:// URIs are"},
  };
  for (const Case& c : cases) {
    const Reply r = post_c(c.body);
    EXPECT_EQ(r.code, Code::bad_request) << c.error;
    EXPECT_EQ(r.diagnostic,
              std::string(R"({"error": ")") + c.error + R"(", "reason": "invalid_body"})");
  }
  EXPECT_TRUE(fetcher.uris.empty());
}

TEST_F(MgmtReference, AReferenceToAReferenceIsRefused) {
  fetcher.body = cbor_map_of_uri("coap://192.0.2.1/b/y");
  const Reply r = post_c(cbor_map_of_uri("coap://192.0.2.1/b/x"));
  EXPECT_EQ(r.code, Code::bad_request);
  EXPECT_EQ(r.diagnostic, R"({"error": "install by reference: the fetched body is another )"
                          R"(reference", "reason": "invalid_body"})");
  EXPECT_EQ(fetcher.uris.size(), 1u);
}

TEST_F(MgmtReference, WithoutAFetcherItIsNotImplemented) {
  build(true, false);
  const Reply r = post_c(cbor_map_of_uri("coap://192.0.2.1/b/x"));
  EXPECT_EQ(r.code, Code::not_implemented);
  EXPECT_EQ(r.diagnostic, R"({"error": "install by reference is not available: the device has )"
                          R"(no fetcher", "reason": "unsupported"})");
}

}  // namespace
}  // namespace tc::mgmt
