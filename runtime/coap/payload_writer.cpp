#include "coap/payload_writer.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace tc::coap {

void PayloadWriter::append(std::span<const uint8_t> bytes) {
  for (uint8_t byte : bytes) {
    // total_ >= offset_ and the difference is in the window: keep it.
    if (total_ >= offset_ && total_ - offset_ < window_.size()) window_[total_ - offset_] = byte;
    mix(byte);
    ++total_;
  }
}

void PayloadWriter::append(std::string_view text) {
  append({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

void PayloadWriter::append_decimal(uint64_t value) {
  char digits[kMaxDecimalDigits];
  append(std::string_view(digits, to_decimal(value, digits)));
}

void PayloadWriter::skip(std::size_t count) {
  for (std::size_t left = count; left > 0; left >>= 8U)
    mix(static_cast<uint8_t>(left));
  // Bytes before the window are only counted; bytes inside it are zeroed, not left stale.
  const std::size_t before = total_ < offset_ ? std::min(count, offset_ - total_) : 0;
  total_ += before;
  count -= before;
  for (; count > 0 && total_ - offset_ < window_.size(); --count)
    window_[total_++ - offset_] = 0;
  total_ += count;
}

std::span<const uint8_t> PayloadWriter::window() const {
  if (total_ <= offset_) return {};
  const std::size_t kept = total_ - offset_;
  return window_.first(kept < window_.size() ? kept : window_.size());
}

}  // namespace tc::coap
