// A body writer that keeps only a window of the representation. A handler renders its whole
// representation (or skips what it can compute the size of); the writer stores the bytes inside
// [offset, offset + window size) and counts all of them. That is how the server serves Block2:
// each block request renders again and keeps one block, so a representation (a log, a large
// link-format document) never has to fit in RAM at once.
//
// Because every block is a new rendering, a representation that changes between two block
// requests would reach the client as a mix of two versions. The writer therefore also hashes the
// whole representation (FNV-1a, 32 bits); the server sends it as the ETag of every block, and a
// client that sees the ETag change restarts the transfer (RFC 7959 2.4). The hash only has to
// tell versions of one resource apart, so a non-cryptographic one is enough.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tc::coap {

class PayloadWriter {
 public:
  PayloadWriter() = default;
  PayloadWriter(std::span<uint8_t> window, std::size_t offset) : window_(window), offset_(offset) {}

  void append(std::span<const uint8_t> bytes);
  void append(std::string_view text);
  void append_decimal(uint64_t value);
  // Counts `count` representation bytes without rendering them. Handlers that can seek use it to
  // jump to window_offset(); bytes skipped inside the window read as zero. Skipped bytes enter
  // tag() by their number only: a handler that skips vouches that what it skips is stable.
  void skip(std::size_t count);

  // Where the kept window starts in the representation, and how many bytes it can keep.
  [[nodiscard]] std::size_t window_offset() const { return offset_; }
  [[nodiscard]] std::size_t window_size() const { return window_.size(); }
  // Representation bytes seen so far (the whole size once the handler is done).
  [[nodiscard]] std::size_t total() const { return total_; }
  // The kept bytes: the part of the window the representation reached.
  [[nodiscard]] std::span<const uint8_t> window() const;
  // A hash of the whole representation: equal renderings give equal tags.
  [[nodiscard]] uint32_t tag() const { return hash_; }

 private:
  std::span<uint8_t> window_;
  std::size_t offset_ = 0;
  std::size_t total_ = 0;
  uint32_t hash_ = kFnvOffsetBasis;

  static constexpr uint32_t kFnvOffsetBasis = 2166136261U;
  static constexpr uint32_t kFnvPrime = 16777619U;
  void mix(uint8_t byte) { hash_ = (hash_ ^ byte) * kFnvPrime; }
};

}  // namespace tc::coap
