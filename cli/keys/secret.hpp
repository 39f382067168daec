// Wiping private key material once it is no longer needed (keys.hpp promises it). Internal to
// cli/keys.
#pragma once

#include <mbedtls/platform_util.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace tc::keys::detail {

// mbedtls_platform_zeroize, unlike memset, is not optimised away before a buffer is freed.
inline void wipe(std::span<uint8_t> bytes) {
  mbedtls_platform_zeroize(bytes.data(), bytes.size());
}
inline void wipe(std::string& text) {
  mbedtls_platform_zeroize(text.data(), text.size());
}

// Bytes that hold (or held) private key material, wiped on destruction. Never resized, so no copy
// is left behind in a buffer freed by a reallocation.
class SecretBytes {
 public:
  explicit SecretBytes(std::size_t size) : bytes_(size) {}
  explicit SecretBytes(std::span<const uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
  ~SecretBytes() { wipe(bytes_); }
  SecretBytes(SecretBytes&&) noexcept = default;  // leaves the source empty
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    wipe(bytes_);
    bytes_ = std::move(other.bytes_);
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  [[nodiscard]] uint8_t* data() { return bytes_.data(); }
  [[nodiscard]] std::size_t size() const { return bytes_.size(); }
  [[nodiscard]] std::span<uint8_t> span() { return bytes_; }
  [[nodiscard]] std::span<const uint8_t> span() const { return bytes_; }
  // Hands the buffer to an owner that wipes it itself (PrivateKey).
  [[nodiscard]] std::vector<uint8_t> release() && { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Wipes a string (a private key's PEM text) when the scope ends, however it ends.
class ScopedWipe {
 public:
  explicit ScopedWipe(std::string& text) : text_(text) {}
  ~ScopedWipe() { wipe(text_); }
  ScopedWipe(const ScopedWipe&) = delete;
  ScopedWipe& operator=(const ScopedWipe&) = delete;

 private:
  std::string& text_;
};

}  // namespace tc::keys::detail
