// The Block1 / Block2 option value (RFC 7959 2.2): NUM (up to 20 bits), M (more), SZX (size
// exponent, block size = 2^(SZX + 4), 16..1024 bytes; 7 is reserved).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::coap {

inline constexpr uint32_t kMaxBlockNum = (1u << 20) - 1;
inline constexpr uint8_t kMaxSzx = 6;  // 1024 bytes; 7 is reserved (BERT on TCP only)
inline constexpr std::size_t kMaxBlockLength = 3;

struct Block {
  uint32_t num = 0;
  bool more = false;
  uint8_t szx = 0;

  [[nodiscard]] constexpr std::size_t size() const { return std::size_t{1} << (szx + 4); }
  // Byte offset of this block in the representation (NUM * size, at most 2^30).
  [[nodiscard]] constexpr std::size_t offset() const { return std::size_t{num} * size(); }

  friend constexpr bool operator==(const Block&, const Block&) = default;
};

// The block size for SZX (no range check; callers hold a decoded or validated szx).
[[nodiscard]] constexpr std::size_t block_size(uint8_t szx) {
  return std::size_t{1} << (szx + 4);
}

// The largest SZX whose block size is at most `bytes` (0 when `bytes` < 32, including < 16).
[[nodiscard]] constexpr uint8_t szx_at_most(std::size_t bytes) {
  uint8_t szx = 0;
  while (szx < kMaxSzx && block_size(szx + 1) <= bytes)
    ++szx;
  return szx;
}

// Decodes a Block option value (0..3 bytes). SZX 7 and values longer than 3 bytes are
// invalid_argument.
[[nodiscard]] Result<Block> decode_block(std::span<const uint8_t> value);

// Encodes minimally (0..3 bytes) and returns the length; NUM > 2^20-1 or SZX > 6 is
// invalid_argument.
[[nodiscard]] Result<std::size_t> encode_block(const Block& block,
                                               std::span<uint8_t, kMaxBlockLength> out);

}  // namespace tc::coap
