#include "slip/decoder.hpp"

#include "slip/codes.hpp"

namespace tc::slip {

Feed Decoder::feed(uint8_t byte) {
  delivered_ = 0;
  if (byte == kEnd) return end_of_frame();
  switch (state_) {
    case State::data:
      if (byte == kEsc) {
        state_ = State::escaped;
      } else {
        append(byte);
      }
      break;
    case State::escaped:
      if (byte == kEscEnd || byte == kEscEsc) {
        state_ = State::data;
        append(byte == kEscEnd ? kEnd : kEsc);
      } else {
        state_ = State::discarding_bad_escape;
      }
      break;
    case State::discarding_oversize:
    case State::discarding_bad_escape:
      break;
  }
  return Feed::more;
}

Feed Decoder::end_of_frame() {
  const State state = state_;
  const std::size_t length = length_;
  state_ = State::data;
  length_ = 0;
  switch (state) {
    case State::discarding_oversize:
      ++stats_.oversize;
      return Feed::dropped;
    case State::discarding_bad_escape:
    case State::escaped:  // ESC END: the frame was cut inside an escape
      ++stats_.bad_escape;
      return Feed::dropped;
    case State::data:
      break;
  }
  if (length == 0) return Feed::more;
  ++stats_.frames;
  delivered_ = length;
  return Feed::frame;
}

void Decoder::append(uint8_t byte) {
  if (length_ == buffer_.size()) {
    state_ = State::discarding_oversize;
    return;
  }
  buffer_[length_++] = byte;
}

}  // namespace tc::slip
