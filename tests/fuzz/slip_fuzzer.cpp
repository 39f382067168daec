// Fuzzes the SLIP decoder (runtime/slip) on arbitrary byte streams: every delivered frame fits the
// buffer, encodes back into a stream that decodes to the same frame, and the counters account for
// every frame end the decoder reported.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "slip/decoder.hpp"
#include "slip/encoder.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

constexpr std::size_t kFrameBytes = 64;

void check_round_trip(std::span<const uint8_t> frame) {
  std::vector<uint8_t> encoded(tc::slip::encoded_size(frame));
  const tc::Result<std::size_t> n = tc::slip::encode(frame, encoded);
  check(n.ok() && *n == encoded.size());
  std::array<uint8_t, kFrameBytes> buffer{};
  tc::slip::Decoder again(buffer);
  std::size_t delivered = 0;
  for (const uint8_t b : encoded) {
    if (again.feed(b) == tc::slip::Feed::frame) {
      ++delivered;
      check(std::equal(frame.begin(), frame.end(), again.frame().begin(), again.frame().end()));
    }
  }
  check(delivered == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::array<uint8_t, kFrameBytes> buffer{};
  tc::slip::Decoder decoder(buffer);
  uint32_t frames = 0;
  uint32_t dropped = 0;
  for (std::size_t i = 0; i < size; ++i) {
    switch (decoder.feed(data[i])) {
      case tc::slip::Feed::frame:
        ++frames;
        check(!decoder.frame().empty() && decoder.frame().size() <= kFrameBytes);
        check_round_trip(decoder.frame());
        break;
      case tc::slip::Feed::dropped:
        ++dropped;
        check(decoder.frame().empty());
        break;
      case tc::slip::Feed::more:
        check(decoder.frame().empty());
        break;
    }
  }
  const tc::slip::DecoderStats& stats = decoder.stats();
  check(stats.frames == frames);
  check(stats.oversize + stats.bad_escape == dropped);
  return 0;
}
