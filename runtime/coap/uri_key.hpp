// A compact copy of the options that identify what a request asked for (Uri-Path, Uri-Query
// and, when wanted, Accept). Observers keep one to render notifications later; Block1 transfers
// keep one to recognise the next block of the same upload (RFC 7959 2.5: same endpoint, same
// request URI). Encoded as (number, length, bytes) triples in a fixed buffer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "coap/message.hpp"
#include "core/status.hpp"

namespace tc::coap {

class UriKey {
 public:
  static constexpr std::size_t kCapacity = 80;

  // out_of_range when the options do not fit (a long URI: the caller refuses the request).
  [[nodiscard]] Status capture(const Message& request, bool with_accept);
  // True when `request` has the same captured options, in the same order.
  [[nodiscard]] bool matches(const Message& request) const;
  // Adds the captured options to `message` as views into this key (which must outlive it).
  [[nodiscard]] Status append_to(Message& message) const;

 private:
  std::array<uint8_t, kCapacity> bytes_{};
  uint8_t length_ = 0;
  bool with_accept_ = false;
};

}  // namespace tc::coap
