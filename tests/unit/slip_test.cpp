// SLIP framing (runtime/slip, RFC 1055): the encoder's escapes and size check, the decoder's
// reassembly across arbitrary chunking, and what it drops (oversize frames, bad escapes) without
// losing the frames after them.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "slip/codes.hpp"
#include "slip/decoder.hpp"
#include "slip/encoder.hpp"

namespace tc::test {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes encoded(const Bytes& frame) {
  Bytes out(slip::encoded_size(frame));
  const Result<std::size_t> n = slip::encode(frame, out);
  EXPECT_TRUE(n.ok());
  out.resize(n.ok() ? *n : 0);
  return out;
}

// Feeds every byte; returns the frames delivered, in order.
std::vector<Bytes> decode_all(slip::Decoder& decoder, const Bytes& stream) {
  std::vector<Bytes> frames;
  for (const uint8_t b : stream) {
    if (decoder.feed(b) == slip::Feed::frame) {
      frames.emplace_back(decoder.frame().begin(), decoder.frame().end());
    }
  }
  return frames;
}

TEST(SlipEncoder, PlainBytesBetweenTwoEnds) {
  EXPECT_EQ(encoded({0x40, 0x01, 0x12, 0x34}), (Bytes{0xC0, 0x40, 0x01, 0x12, 0x34, 0xC0}));
}

TEST(SlipEncoder, EscapesEndAndEsc) {
  EXPECT_EQ(encoded({0xC0, 0x01, 0xDB}), (Bytes{0xC0, 0xDB, 0xDC, 0x01, 0xDB, 0xDD, 0xC0}));
  EXPECT_EQ(slip::encoded_size(Bytes{0xC0, 0x01, 0xDB}), 7u);
}

TEST(SlipEncoder, EmptyFrameIsTwoEnds) {
  EXPECT_EQ(encoded({}), (Bytes{0xC0, 0xC0}));
}

TEST(SlipEncoder, RefusesAShortBufferAtTheExactBoundary) {
  const Bytes frame{0xC0, 0x02};
  std::array<uint8_t, 4> short_by_one{};
  const Result<std::size_t> r = slip::encode(frame, short_by_one);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::out_of_range);
  std::array<uint8_t, 5> exact{};
  ASSERT_TRUE(slip::encode(frame, exact).ok());
}

TEST(SlipDecoder, RoundTripsEveryByteValue) {
  Bytes frame;
  for (int i = 0; i < 256; ++i)
    frame.push_back(static_cast<uint8_t>(i));
  std::array<uint8_t, 256> buffer{};
  slip::Decoder decoder(buffer);
  const std::vector<Bytes> frames = decode_all(decoder, encoded(frame));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0], frame);
  EXPECT_EQ(decoder.stats().frames, 1u);
}

TEST(SlipDecoder, FramesBackToBackAndSharedEnds) {
  std::array<uint8_t, 16> buffer{};
  slip::Decoder decoder(buffer);
  // One END between frames suffices; the empty frames between doubled ENDs are skipped.
  const Bytes stream{0xC0, 0xC0, 0x01, 0xC0, 0x02, 0x03, 0xC0, 0xC0, 0xC0, 0x04, 0xC0};
  EXPECT_EQ(decode_all(decoder, stream), (std::vector<Bytes>{{0x01}, {0x02, 0x03}, {0x04}}));
  EXPECT_EQ(decoder.stats().frames, 3u);
}

TEST(SlipDecoder, FrameIsHeldOnlyUntilTheNextByte) {
  std::array<uint8_t, 4> buffer{};
  slip::Decoder decoder(buffer);
  EXPECT_EQ(decoder.feed(0x07), slip::Feed::more);
  EXPECT_TRUE(decoder.frame().empty());
  ASSERT_EQ(decoder.feed(slip::kEnd), slip::Feed::frame);
  EXPECT_EQ(decoder.frame().size(), 1u);
  EXPECT_EQ(decoder.feed(0x08), slip::Feed::more);
  EXPECT_TRUE(decoder.frame().empty());
}

TEST(SlipDecoder, FrameFillingTheBufferExactlyIsKept) {
  std::array<uint8_t, 3> buffer{};
  slip::Decoder decoder(buffer);
  EXPECT_EQ(decode_all(decoder, {0x01, 0xDB, 0xDC, 0x03, 0xC0}),
            (std::vector<Bytes>{{0x01, 0xC0, 0x03}}));
}

TEST(SlipDecoder, OversizeFrameIsDroppedAndTheNextOneKept) {
  std::array<uint8_t, 3> buffer{};
  slip::Decoder decoder(buffer);
  const Bytes stream{0x01, 0x02, 0x03, 0x04, 0x05, 0xC0, 0x0A, 0x0B, 0xC0};
  std::vector<slip::Feed> ends;
  for (const uint8_t b : stream) {
    const slip::Feed f = decoder.feed(b);
    if (f != slip::Feed::more) ends.push_back(f);
  }
  EXPECT_EQ(ends, (std::vector<slip::Feed>{slip::Feed::dropped, slip::Feed::frame}));
  EXPECT_EQ(Bytes(decoder.frame().begin(), decoder.frame().end()), (Bytes{0x0A, 0x0B}));
  EXPECT_EQ(decoder.stats().oversize, 1u);
  EXPECT_EQ(decoder.stats().frames, 1u);
}

TEST(SlipDecoder, BadEscapeDropsTheFrame) {
  std::array<uint8_t, 8> buffer{};
  slip::Decoder decoder(buffer);
  EXPECT_EQ(decode_all(decoder, {0x01, 0xDB, 0x02, 0x03, 0xC0, 0x09, 0xC0}),
            (std::vector<Bytes>{{0x09}}));
  EXPECT_EQ(decoder.stats().bad_escape, 1u);
}

TEST(SlipDecoder, EscapeCutByEndDropsTheFrame) {
  std::array<uint8_t, 8> buffer{};
  slip::Decoder decoder(buffer);
  EXPECT_EQ(decoder.feed(0x01), slip::Feed::more);
  EXPECT_EQ(decoder.feed(slip::kEsc), slip::Feed::more);
  EXPECT_EQ(decoder.feed(slip::kEnd), slip::Feed::dropped);
  EXPECT_EQ(decoder.stats().bad_escape, 1u);
  EXPECT_EQ(decode_all(decoder, {0x05, 0xC0}), (std::vector<Bytes>{{0x05}}));
}

TEST(SlipDecoder, LineNoiseBeforeTheFirstEndBecomesOneFrame) {
  // The receiver cannot tell noise from data; the encoder's leading END is what separates them,
  // so the garbage arrives as its own frame (which CoAP then rejects) and the real one intact.
  std::array<uint8_t, 16> buffer{};
  slip::Decoder decoder(buffer);
  Bytes stream{'n', 'o', 'i', 's', 'e'};
  const Bytes real = encoded({0x40, 0x01});
  stream.insert(stream.end(), real.begin(), real.end());
  EXPECT_EQ(decode_all(decoder, stream),
            (std::vector<Bytes>{{'n', 'o', 'i', 's', 'e'}, {0x40, 0x01}}));
}

TEST(SlipDecoder, AnEmptyBufferDropsEveryNonEmptyFrame) {
  slip::Decoder decoder(std::span<uint8_t>{});
  EXPECT_EQ(decoder.feed(0x01), slip::Feed::more);
  EXPECT_EQ(decoder.feed(slip::kEnd), slip::Feed::dropped);
  EXPECT_EQ(decoder.stats().oversize, 1u);
}

}  // namespace
}  // namespace tc::test
