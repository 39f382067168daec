#include "common/sha256.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "dev/cbor_json.hpp"

namespace tc::gw {
namespace {

void ensure_sodium() {
  // sodium_init is thread-safe and idempotent; it fails only without a usable random source.
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
}

}  // namespace

std::string sha256_hex(std::span<const uint8_t> bytes) {
  ensure_sodium();
  std::array<uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
  return dev::to_hex(digest);
}

std::string sha256_hex(std::string_view text) {
  return sha256_hex({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

std::string random_hex(std::size_t count) {
  ensure_sodium();
  std::vector<uint8_t> bytes(count);
  randombytes_buf(bytes.data(), bytes.size());
  return dev::to_hex(bytes);
}

}  // namespace tc::gw
