#include "agent/byte_queue.hpp"

namespace tc::agent {

namespace {
constexpr uint32_t kLengthBytes = 2;
}

void ByteQueue::write(uint32_t pos, std::span<const uint8_t> bytes) {
  const auto size = static_cast<uint32_t>(buf_.size());
  for (uint8_t b : bytes) {
    buf_[pos % size] = b;
    ++pos;
  }
}

void ByteQueue::read(uint32_t pos, std::span<uint8_t> out) const {
  const auto size = static_cast<uint32_t>(buf_.size());
  for (uint8_t& b : out) {
    b = buf_[pos % size];
    ++pos;
  }
}

uint32_t ByteQueue::record_length(uint32_t pos) const {
  uint8_t len[kLengthBytes];
  read(pos, len);
  return static_cast<uint32_t>(len[0] | (len[1] << 8));
}

bool ByteQueue::push(std::span<const uint8_t> head, std::span<const uint8_t> body) {
  const uint64_t length = uint64_t{head.size()} + body.size();
  if (length > 0xffff || kLengthBytes + length > buf_.size() - used_) return false;
  const uint32_t tail = (head_ + used_) % static_cast<uint32_t>(buf_.size());
  const uint8_t len[kLengthBytes] = {static_cast<uint8_t>(length),
                                     static_cast<uint8_t>(length >> 8)};
  write(tail, len);
  write(tail + kLengthBytes, head);
  write(tail + kLengthBytes + static_cast<uint32_t>(head.size()), body);
  used_ += kLengthBytes + static_cast<uint32_t>(length);
  ++count_;
  return true;
}

bool ByteQueue::push_evicting(std::span<const uint8_t> head, std::span<const uint8_t> body) {
  if (kLengthBytes + head.size() + body.size() > buf_.size()) return false;
  while (!push(head, body))
    pop();
  return true;
}

uint32_t ByteQueue::at(uint32_t index, std::span<uint8_t> out) const {
  if (index >= count_) return 0;
  uint32_t pos = head_;
  for (uint32_t i = 0; i < index; ++i)
    pos += kLengthBytes + record_length(pos);
  const uint32_t length = record_length(pos);
  const std::size_t n = length < out.size() ? length : out.size();
  read(pos + kLengthBytes, out.first(n));
  return length;
}

void ByteQueue::pop() {
  if (count_ == 0) return;
  const uint32_t step = kLengthBytes + record_length(head_);
  head_ = (head_ + step) % static_cast<uint32_t>(buf_.size());
  used_ -= step;
  --count_;
}

}  // namespace tc::agent
