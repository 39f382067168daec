// SHA-256 (libsodium) as lowercase hex: the key of a stored envelope, the stored form of an API
// token.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tc::gw {

[[nodiscard]] std::string sha256_hex(std::span<const uint8_t> bytes);
[[nodiscard]] std::string sha256_hex(std::string_view text);

// `count` random bytes from the operating system's generator, as lowercase hex.
[[nodiscard]] std::string random_hex(std::size_t count);

}  // namespace tc::gw
