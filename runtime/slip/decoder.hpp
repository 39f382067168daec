// SLIP framing (RFC 1055), receive side: an incremental decoder fed one byte at a time (from a
// UART's receive ring on the firmware, from a TCP stream on the host bridge) that reassembles
// frames into a buffer the caller provides. No heap, fixed capacity.
//
// Frames end with END; a frame longer than the buffer, or with ESC followed by anything but
// ESC_END or ESC_ESC, is dropped whole (counted) and decoding resumes at the next END. Empty
// frames (END END, which senders use to flush line noise) are skipped without a count.
//
//   slip::Decoder decoder(buffer);
//   for (uint8_t b : bytes)
//     if (decoder.feed(b) == slip::Feed::frame) handle(decoder.frame());
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc::slip {

// What one byte completed.
enum class Feed : uint8_t {
  more,     // inside a frame, or between frames
  frame,    // a frame is complete: frame() holds it until the next feed()
  dropped,  // a frame ended that was too long or held a bad escape; nothing to deliver
};

struct DecoderStats {
  uint32_t frames = 0;      // delivered
  uint32_t oversize = 0;    // dropped: longer than the buffer
  uint32_t bad_escape = 0;  // dropped: ESC not followed by ESC_END or ESC_ESC
};

class Decoder {
 public:
  explicit Decoder(std::span<uint8_t> buffer) : buffer_(buffer) {}

  Feed feed(uint8_t byte);
  // The last complete frame (empty unless the last feed() returned Feed::frame).
  [[nodiscard]] std::span<const uint8_t> frame() const { return buffer_.first(delivered_); }
  [[nodiscard]] const DecoderStats& stats() const { return stats_; }

 private:
  enum class State : uint8_t { data, escaped, discarding_oversize, discarding_bad_escape };

  Feed end_of_frame();
  void append(uint8_t byte);

  std::span<uint8_t> buffer_;
  std::size_t length_ = 0;
  std::size_t delivered_ = 0;
  State state_ = State::data;
  DecoderStats stats_;
};

}  // namespace tc::slip
