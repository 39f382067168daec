#include "coap/block.hpp"

#include "coap/options.hpp"

namespace tc::coap {

Result<Block> decode_block(std::span<const uint8_t> value) {
  const Result<uint32_t> raw = decode_uint(value, kMaxBlockLength);
  if (!raw.ok()) return Status(StatusCode::invalid_argument, "block option value too long");
  Block block;
  block.szx = static_cast<uint8_t>(*raw & 0x7);
  block.more = (*raw & 0x8) != 0;
  block.num = *raw >> 4;
  if (block.szx > kMaxSzx) return Status(StatusCode::invalid_argument, "reserved block SZX 7");
  return block;
}

Result<std::size_t> encode_block(const Block& block, std::span<uint8_t, kMaxBlockLength> out) {
  if (block.num > kMaxBlockNum) return Status(StatusCode::invalid_argument, "block NUM too large");
  if (block.szx > kMaxSzx) return Status(StatusCode::invalid_argument, "reserved block SZX");
  const uint32_t raw = (block.num << 4) | (block.more ? 0x8u : 0u) | block.szx;
  uint8_t wide[kMaxUintLength];
  const std::size_t length = encode_uint(raw, wide);  // at most 3 bytes: raw < 2^24
  for (std::size_t i = 0; i < length; ++i)
    out[i] = wide[i];
  return length;
}

}  // namespace tc::coap
