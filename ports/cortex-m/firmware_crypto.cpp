#include "firmware_crypto.hpp"

#include <mbedtls/memory_buffer_alloc.h>

#include <algorithm>

#include "mbed_primitives.hpp"
#include "systick.hpp"

namespace tc::cortex_m {
namespace {

// The arena above its first block header is painted after mbedTLS set it up: the allocator never
// reads free space, every allocation zeroes its bytes (calloc), and a freed block is not painted
// again, so the highest byte that is no longer the paint is the high-water mark ("stack
// painting"). mbedTLS's header is 32 bytes on a 32-bit core; 64 leaves it alone with room.
constexpr std::size_t kFirstHeaderBytes = 64;
constexpr uint8_t kPaint = 0xa5;

}  // namespace

FirmwareCrypto::FirmwareCrypto() {
  reset_arena();
}

// Every mbedTLS object lives within one verify_es256 call (RAII), so the arena is empty between
// calls; starting each verification on a fresh arena makes its peak the same every time instead
// of depending on how earlier calls left the free list.
void FirmwareCrypto::reset_arena() {
  mbedtls_memory_buffer_alloc_init(arena_, sizeof arena_);
  std::fill(std::begin(arena_) + kFirstHeaderBytes, std::end(arena_), kPaint);
}

Status FirmwareCrypto::sha256(std::span<const crypto::Bytes> parts,
                              std::span<uint8_t, crypto::kSha256Size> out) {
  return crypto::mbed::sha256(parts, out);
}

crypto::Verdict FirmwareCrypto::verify(crypto::Algorithm alg, crypto::Bytes public_key,
                                       crypto::Bytes message, crypto::Bytes signature) {
  // Ed25519 is not in mbedTLS 2.28, and nothing else on the firmware may implement it.
  if (alg != crypto::Algorithm::es256) return crypto::Verdict::unsupported;
  reset_arena();
  const uint64_t start = systick::now_us();
  const crypto::Verdict verdict = crypto::mbed::verify_es256(public_key, message, signature);
  figures_.last_verify_us = systick::now_us() - start;
  figures_.arena_high_water = std::max(figures_.arena_high_water, arena_high_water());
  figures_.last_verdict = verdict;
  ++figures_.verifications;
  return verdict;
}

CryptoFigures FirmwareCrypto::figures() const {
  return figures_;
}

std::size_t FirmwareCrypto::arena_high_water() const {
  const auto last = std::find_if(std::rbegin(arena_), std::rend(arena_) - kFirstHeaderBytes,
                                 [](uint8_t b) { return b != kPaint; });
  return static_cast<std::size_t>(std::rend(arena_) - last);
}

}  // namespace tc::cortex_m
