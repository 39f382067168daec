// A FIFO of variable-length records in caller-provided memory (no heap): the per-container log
// ring and inbox. Each record is a 2-byte length followed by its bytes, wrapping around the end.
#pragma once

#include <cstdint>
#include <span>

namespace tc::agent {

class ByteQueue {
 public:
  ByteQueue() = default;
  explicit ByteQueue(std::span<uint8_t> storage) : buf_(storage) {}

  // Appends one record made of `head` then `body`. Fails (false) when it does not fit in the free
  // space; push_evicting() drops the oldest records until it fits instead.
  bool push(std::span<const uint8_t> head, std::span<const uint8_t> body);
  bool push_evicting(std::span<const uint8_t> head, std::span<const uint8_t> body);
  // Copies the oldest record into `out` (truncated to fit) and returns its full length; 0 when
  // empty. at(): the same for the `index`-th oldest record.
  [[nodiscard]] uint32_t front(std::span<uint8_t> out) const { return at(0, out); }
  [[nodiscard]] uint32_t at(uint32_t index, std::span<uint8_t> out) const;
  void pop();
  void clear() { head_ = used_ = count_ = 0; }
  [[nodiscard]] uint32_t count() const { return count_; }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  [[nodiscard]] uint32_t capacity() const { return static_cast<uint32_t>(buf_.size()); }

 private:
  void write(uint32_t pos, std::span<const uint8_t> bytes);
  void read(uint32_t pos, std::span<uint8_t> out) const;
  [[nodiscard]] uint32_t record_length(uint32_t pos) const;

  std::span<uint8_t> buf_;
  uint32_t head_ = 0;  // offset of the oldest record
  uint32_t used_ = 0;
  uint32_t count_ = 0;
};

}  // namespace tc::agent
