// SLIP framing (RFC 1055), send side: one frame written into a caller's buffer as
// END, the escaped bytes, END. The leading END ends any line noise the receiver has collected
// so far (RFC 1055 recommends it), so the first real frame is never glued to garbage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::slip {

// The encoded size of `frame`: two ENDs plus one extra byte per END or ESC inside it.
[[nodiscard]] std::size_t encoded_size(std::span<const uint8_t> frame);

// Writes the encoded frame at the start of `out`; returns its length, or out_of_range (nothing
// meaningful written) when `out` is shorter than encoded_size(frame).
[[nodiscard]] Result<std::size_t> encode(std::span<const uint8_t> frame, std::span<uint8_t> out);

}  // namespace tc::slip
