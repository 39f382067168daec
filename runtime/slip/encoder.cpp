#include "slip/encoder.hpp"

#include "slip/codes.hpp"

namespace tc::slip {

std::size_t encoded_size(std::span<const uint8_t> frame) {
  std::size_t size = 2;
  for (const uint8_t b : frame)
    size += (b == kEnd || b == kEsc) ? 2 : 1;
  return size;
}

Result<std::size_t> encode(std::span<const uint8_t> frame, std::span<uint8_t> out) {
  if (out.size() < encoded_size(frame)) {
    return Status(StatusCode::out_of_range, "slip: output buffer too small for the frame");
  }
  std::size_t n = 0;
  out[n++] = kEnd;
  for (const uint8_t b : frame) {
    if (b == kEnd) {
      out[n++] = kEsc;
      out[n++] = kEscEnd;
    } else if (b == kEsc) {
      out[n++] = kEsc;
      out[n++] = kEscEsc;
    } else {
      out[n++] = b;
    }
  }
  out[n++] = kEnd;
  return n;
}

}  // namespace tc::slip
