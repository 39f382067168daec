#include "host_digest.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "host_crypto.hpp"

namespace tc::crypto {
namespace {

void require_sodium() {
  if (!sodium_ready()) throw std::runtime_error("libsodium cannot initialise");
}

std::string hex(std::span<const uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

}  // namespace

std::string sha256_hex(std::span<const uint8_t> bytes) {
  require_sodium();
  std::array<uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
  return hex(digest);
}

std::string sha256_hex(std::string_view text) {
  return sha256_hex({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

std::string random_hex(std::size_t count) {
  if (count == 0) return {};  // randombytes_buf must not see the null data() of an empty vector
  require_sodium();
  std::vector<uint8_t> bytes(count);
  randombytes_buf(bytes.data(), bytes.size());
  return hex(bytes);
}

}  // namespace tc::crypto
