// The Observe option value (RFC 7641 2, 3.4, 4.4): in a request 0 registers and 1 deregisters;
// in a notification it is a 24-bit sequence number.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::coap {

inline constexpr uint32_t kObserveRegister = 0;
inline constexpr uint32_t kObserveDeregister = 1;
inline constexpr uint32_t kObserveSequenceMask = 0xFFFFFF;
inline constexpr std::size_t kMaxObserveLength = 3;

// Decodes an Observe value (0..3 bytes); longer is invalid_argument.
[[nodiscard]] Result<uint32_t> decode_observe(std::span<const uint8_t> value);

// RFC 7641 3.4, the sequence-number half of the freshness rule: true when `incoming` is newer
// than `last` in 24-bit serial arithmetic. The "more than 128 seconds later" half needs a clock
// and belongs to the caller.
[[nodiscard]] constexpr bool observe_newer(uint32_t last, uint32_t incoming) {
  const uint32_t v1 = last & kObserveSequenceMask;
  const uint32_t v2 = incoming & kObserveSequenceMask;
  constexpr uint32_t kHalf = 1u << 23;
  return (v1 < v2 && v2 - v1 < kHalf) || (v1 > v2 && v1 - v2 > kHalf);
}

}  // namespace tc::coap
