// Little-endian integers of 1 to 8 bytes: how containers exchange values with endpoints (the
// eBPF target is little endian) and how the agent stores its counters.
#pragma once

#include <cstdint>

namespace tc::agent {

[[nodiscard]] inline uint64_t load_le(const uint8_t* p, uint64_t len) {
  uint64_t v = 0;
  for (uint64_t i = 0; i < len; ++i)
    v |= uint64_t{p[i]} << (8 * i);
  return v;
}

// `len` bytes (1 to 8) read as a two's-complement integer of that width.
[[nodiscard]] inline int64_t sign_extend_le(const uint8_t* p, uint64_t len) {
  const unsigned shift = static_cast<unsigned>(64 - 8 * len);
  return static_cast<int64_t>(load_le(p, len) << shift) >> shift;
}

inline void store_le(uint8_t* p, uint64_t v, uint32_t len) {
  for (uint32_t i = 0; i < len; ++i)
    p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace tc::agent
