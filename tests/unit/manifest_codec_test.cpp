// The manifest's CBOR codec: round trips, every decode error reason with its path, truncation at
// every length, and strictness (unknown and duplicate keys, wrong types, overlong strings, too
// many items).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cbor/reader.hpp"
#include "cbor/writer.hpp"
#include "manifest/codec.hpp"
#include "manifest/schema.hpp"
#include "manifest/validate.hpp"

namespace tc::test {
namespace {

using manifest::Manifest;
using manifest::Reason;

Manifest full_manifest() {
  Manifest m;
  (void)m.name.assign("delivery-ui");
  m.version = 7;
  (void)m.tenant.assign("deliveryco");
  m.memory = {2048, 4096, 8192};
  m.timing = {500, 90, 20, 80, 30, 123456789012ull, 250, 2000, 3600};
  m.failure = {4, 1500, 2};
  m.endpoint_count = 3;
  (void)m.endpoints[0].target.assign("sensor/temperature");
  m.endpoints[0].id = 1;
  m.endpoints[0].limits = {10, 0, 1000, 500, false, 0, 0};
  (void)m.endpoints[1].target.assign("actuator/backlight");
  m.endpoints[1].id = 2;
  m.endpoints[1].direction = manifest::Direction::write;
  m.endpoints[1].limits = {1, 64, 1000, 0, true, -20, 80};
  (void)m.endpoints[2].target.assign("channel/alerts");
  m.endpoints[2].id = 200;
  m.endpoints[2].kind = manifest::TargetKind::channel;
  m.endpoints[2].direction = manifest::Direction::read_write;
  m.export_count = 1;
  (void)m.exports[0].path.assign("signature");
  m.exports[0].methods = manifest::kMethodGet | manifest::kMethodPut;
  m.exports[0].observable = true;
  return m;
}

std::vector<uint8_t> encode(const Manifest& m) {
  std::vector<uint8_t> out(manifest::kMaxEncodedSize);
  const Result<std::size_t> size = manifest::encode(m, out);
  EXPECT_TRUE(size.ok()) << size.status().message();
  out.resize(size.ok() ? *size : 0);
  return out;
}

std::string path_of(const manifest::ManifestError& e) {
  char text[96];
  TextBuilder out(text);
  e.path.render(out);
  return text;
}

struct Decoded {
  Reason reason;
  std::string path;
  cbor::Error cbor;
};

Decoded decode(std::span<const uint8_t> bytes) {
  Manifest m;
  const manifest::ManifestError e = manifest::decode(bytes, m);
  return {e.reason, path_of(e), e.cbor};
}

// Hand-made variants of the full manifest's encoding.
class Builder {
 public:
  // The full manifest's top-level map without key `skip`, then the pairs `extra` writes (it
  // writes `extra_pairs` of them).
  template <typename Extra>
  std::vector<uint8_t> top(int extra_pairs, Extra extra, uint8_t skip = 0) {
    const std::vector<uint8_t> whole = encode(full_manifest());
    // Re-emit the top map pair by pair from a reader over the valid encoding.
    cbor::Reader r(whole);
    uint64_t pairs = 0;
    EXPECT_EQ(r.read_map_header(pairs), cbor::Error::ok);
    std::vector<uint8_t> out(2048);
    cbor::Writer w(out);
    w.write_map(pairs - (skip != 0 ? 1 : 0) + static_cast<uint64_t>(extra_pairs));
    for (uint64_t i = 0; i < pairs; ++i) {
      uint64_t key = 0;
      std::span<const uint8_t> value;
      EXPECT_EQ(r.read_uint(key), cbor::Error::ok);
      EXPECT_EQ(r.read_raw(value), cbor::Error::ok);
      if (key == skip) continue;
      w.write_uint(key).write_raw(value);
    }
    extra(w);
    out.resize(w.size());
    return out;
  }
};

TEST(ManifestCodec, FullManifestRoundTrips) {
  const Manifest m = full_manifest();
  ASSERT_TRUE(manifest::validate(m).ok());
  const std::vector<uint8_t> bytes = encode(m);
  Manifest back;
  const manifest::ManifestError e = manifest::decode(bytes, back);
  ASSERT_TRUE(e.ok()) << e.describe() << " at " << path_of(e);
  EXPECT_EQ(back, m);
  EXPECT_EQ(encode(back), bytes);  // one manifest, one encoding
}

TEST(ManifestCodec, DefaultManifestRoundTrips) {
  const Manifest m;
  Manifest back;
  EXPECT_TRUE(manifest::decode(encode(m), back).ok());
  EXPECT_EQ(back, m);
}

TEST(ManifestCodec, LargestManifestFitsTheDocumentedBound) {
  Manifest m;
  const std::string name(manifest::kMaxNameLength, 'a');
  const std::string target(manifest::kMaxTargetLength, 'b');
  const std::string path(manifest::kMaxExportPathLength, 'c');
  (void)m.name.assign(name);
  (void)m.tenant.assign(name);
  m.version = UINT32_MAX;
  m.memory = {UINT32_MAX, UINT32_MAX, UINT32_MAX};
  m.timing = {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
              UINT64_MAX, UINT16_MAX, UINT32_MAX, UINT32_MAX};
  m.failure = {255, UINT32_MAX, 255};
  m.endpoint_count = manifest::kMaxEndpoints;
  for (auto& e : m.endpoints) {
    e.id = 255;
    (void)e.target.assign(target);
    e.limits = {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, true, INT64_MIN, INT64_MAX};
  }
  m.export_count = manifest::kMaxExports;
  for (auto& x : m.exports) {
    (void)x.path.assign(path);
    x.methods = manifest::kAllMethods;
    x.observable = true;
  }
  std::vector<uint8_t> out(manifest::kMaxEncodedSize);
  const Result<std::size_t> size = manifest::encode(m, out);
  ASSERT_TRUE(size.ok());
  EXPECT_LE(*size, manifest::kMaxEncodedSize);
  Manifest back;
  EXPECT_TRUE(manifest::decode(std::span(out).first(*size), back).ok());
  EXPECT_EQ(back, m);
  // One byte less of buffer: refused, nothing claimed written.
  std::vector<uint8_t> small(*size - 1);
  EXPECT_EQ(manifest::encode(m, small).status().code(), StatusCode::resource_exhausted);
}

TEST(ManifestCodec, EncodeRefusesCountsBeyondCapacity) {
  Manifest m = full_manifest();
  m.endpoint_count = manifest::kMaxEndpoints + 1;
  std::vector<uint8_t> out(manifest::kMaxEncodedSize);
  EXPECT_EQ(manifest::encode(m, out).status().code(), StatusCode::invalid_argument);
}

TEST(ManifestCodec, EveryTruncationIsRejected) {
  const std::vector<uint8_t> bytes = encode(full_manifest());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    Manifest m;
    const manifest::ManifestError e = manifest::decode(std::span(bytes).first(n), m);
    EXPECT_EQ(e.reason, Reason::malformed_cbor) << n;
  }
}

TEST(ManifestCodec, TrailingBytesAreRejected) {
  std::vector<uint8_t> bytes = encode(full_manifest());
  bytes.push_back(0x00);
  EXPECT_EQ(decode(bytes).reason, Reason::trailing_bytes);
}

TEST(ManifestCodec, MalformedCborCarriesTheCborError) {
  const uint8_t reserved[] = {0xa1, 0x01, 0x7c};  // additional information 28
  const Decoded d = decode(reserved);
  EXPECT_EQ(d.reason, Reason::malformed_cbor);
  EXPECT_EQ(d.cbor, cbor::Error::reserved_additional_info);
}

TEST(ManifestCodec, TopLevelMustBeADefiniteMap) {
  const uint8_t array[] = {0x80};
  EXPECT_EQ(decode(array).reason, Reason::wrong_type);
  const uint8_t indefinite[] = {0xbf, 0xff};
  EXPECT_EQ(decode(indefinite).reason, Reason::indefinite_length);
}

TEST(ManifestCodec, UnknownKeyIsRejectedWithItsNumber) {
  const auto bytes = Builder().top(1, [](cbor::Writer& w) { w.write_uint(10).write_uint(0); });
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::unknown_key);
  EXPECT_EQ(d.path, "<10>");
}

TEST(ManifestCodec, TextKeyIsAWrongType) {
  const auto bytes = Builder().top(1, [](cbor::Writer& w) { w.write_text("name").write_uint(0); });
  EXPECT_EQ(decode(bytes).reason, Reason::wrong_type);
}

TEST(ManifestCodec, DuplicateKeyIsRejected) {
  const auto bytes =
      Builder().top(1, [](cbor::Writer& w) { w.write_uint(2).write_uint(8); });  // version again
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::duplicate_key);
  EXPECT_EQ(d.path, "version");
}

TEST(ManifestCodec, MissingFieldIsNamed) {
  const auto bytes = Builder().top(
      0, [](cbor::Writer&) {}, manifest::schema::top::tenant);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::missing_key);
  EXPECT_EQ(d.path, "tenant");
}

TEST(ManifestCodec, WrongTypeIsRejected) {
  auto bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(2).write_text("7"); }, manifest::schema::top::version);
  Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::wrong_type);
  EXPECT_EQ(d.path, "version");
  bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(2).write_int(-1); }, manifest::schema::top::version);
  EXPECT_EQ(decode(bytes).reason, Reason::wrong_type);
}

TEST(ManifestCodec, IntegerBeyondItsFieldIsOutOfRange) {
  const auto bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(2).write_uint(1ull << 32); },
      manifest::schema::top::version);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::out_of_range);
  EXPECT_EQ(d.path, "version");
}

TEST(ManifestCodec, OverlongStringIsRejected) {
  const std::string name(manifest::kMaxNameLength + 1, 'a');
  const auto bytes = Builder().top(
      1, [&](cbor::Writer& w) { w.write_uint(1).write_text(name); }, manifest::schema::top::name);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::string_too_long);
  EXPECT_EQ(d.path, "name");
}

TEST(ManifestCodec, NulInsideAStringIsRejected) {
  const auto bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(1).write_text(std::string_view("a\0b", 3)); },
      manifest::schema::top::name);
  EXPECT_EQ(decode(bytes).reason, Reason::invalid_string);
}

TEST(ManifestCodec, UnknownEnumeratedValueIsRejected) {
  const auto bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(4).write_uint(3); }, manifest::schema::top::runtime);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::unknown_value);
  EXPECT_EQ(d.path, "runtime");
}

// An endpoints array of `count` copies of a valid endpoint, written with `limits`.
void write_endpoints(cbor::Writer& w, uint64_t count, void (*limits)(cbor::Writer&)) {
  w.write_uint(manifest::schema::top::endpoints).write_array(count);
  for (uint64_t i = 0; i < count; ++i) {
    w.write_map(4).write_uint(1).write_uint(i).write_uint(2).write_text("sensor/x");
    w.write_uint(3).write_uint(1).write_uint(4);
    limits(w);
  }
}

void plain_limits(cbor::Writer& w) {
  w.write_map(4).write_uint(1).write_uint(0).write_uint(2).write_uint(0);
  w.write_uint(3).write_uint(1000).write_uint(4).write_uint(0);
}

TEST(ManifestCodec, TooManyEndpointsAreRejected) {
  const auto bytes = Builder().top(
      1, [](cbor::Writer& w) { write_endpoints(w, manifest::kMaxEndpoints + 1, plain_limits); },
      manifest::schema::top::endpoints);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::too_many_items);
  EXPECT_EQ(d.path, "endpoints");
  const auto ok = Builder().top(
      1, [](cbor::Writer& w) { write_endpoints(w, manifest::kMaxEndpoints, plain_limits); },
      manifest::schema::top::endpoints);
  EXPECT_EQ(decode(ok).reason, Reason::ok);
}

TEST(ManifestCodec, IndefiniteArrayIsRejected) {
  const auto bytes = Builder().top(
      1, [](cbor::Writer& w) { w.write_uint(9).begin_array().write_break(); },
      manifest::schema::top::exports);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::indefinite_length);
  EXPECT_EQ(d.path, "exports");
}

TEST(ManifestCodec, NestedErrorsNameTheirFullPath) {
  auto bytes = Builder().top(
      1,
      [](cbor::Writer& w) {
        write_endpoints(w, 3, [](cbor::Writer& l) {
          l.write_map(5).write_uint(1).write_uint(0).write_uint(2).write_uint(0);
          l.write_uint(3).write_uint(1000).write_uint(4).write_uint(0);
          l.write_uint(6).write_text("big");
        });
      },
      manifest::schema::top::endpoints);
  Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::wrong_type);
  EXPECT_EQ(d.path, "endpoints[0].limits.max");

  bytes = Builder().top(
      1,
      [](cbor::Writer& w) {
        write_endpoints(w, 1, [](cbor::Writer& l) {
          l.write_map(5).write_uint(1).write_uint(0).write_uint(2).write_uint(0);
          l.write_uint(3).write_uint(1000).write_uint(4).write_uint(0);
          l.write_uint(5).write_int(-5);  // min without max
        });
      },
      manifest::schema::top::endpoints);
  d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::missing_key);
  EXPECT_EQ(d.path, "endpoints[0].limits.max");

  bytes = Builder().top(
      1,
      [](cbor::Writer& w) {
        write_endpoints(w, 2, [](cbor::Writer& l) {
          l.write_map(5).write_uint(1).write_uint(0).write_uint(2).write_uint(0);
          l.write_uint(3).write_uint(1000).write_uint(4).write_uint(0);
          l.write_uint(7).write_uint(0);
        });
      },
      manifest::schema::top::endpoints);
  d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::unknown_key);
  EXPECT_EQ(d.path, "endpoints[0].limits.<7>");
}

TEST(ManifestCodec, MethodsBeyondTheFourAreUnknown) {
  const auto bytes = Builder().top(
      1,
      [](cbor::Writer& w) {
        w.write_uint(9).write_array(1).write_map(3).write_uint(1).write_text("x");
        w.write_uint(2).write_uint(16).write_uint(3).write_bool(false);
      },
      manifest::schema::top::exports);
  const Decoded d = decode(bytes);
  EXPECT_EQ(d.reason, Reason::unknown_value);
  EXPECT_EQ(d.path, "exports[0].methods");
}

TEST(ManifestCodec, TheKindFollowsTheTarget) {
  Manifest m = full_manifest();
  m.endpoints[2].kind = manifest::TargetKind::resource;  // wrong on purpose: not encoded
  Manifest back;
  ASSERT_TRUE(manifest::decode(encode(m), back).ok());
  EXPECT_EQ(back.endpoints[2].kind, manifest::TargetKind::channel);
}

TEST(ManifestCodec, EveryReasonHasADescription) {
  for (int r = 0; r <= static_cast<int>(Reason::over_board_capacity); ++r) {
    const std::string text = manifest::describe(static_cast<Reason>(r));
    EXPECT_NE(text, "unknown manifest error") << r;
  }
}

TEST(ManifestCodec, ErrorRendersPathAndReason) {
  const auto bytes = Builder().top(1, [](cbor::Writer& w) { w.write_uint(2).write_uint(8); });
  Manifest m;
  const manifest::ManifestError e = manifest::decode(bytes, m);
  char text[96];
  TextBuilder out(text);
  e.render(out);
  EXPECT_STREQ(text, "version: duplicate key");
  EXPECT_EQ(e.to_status().code(), StatusCode::invalid_argument);
}

}  // namespace
}  // namespace tc::test
