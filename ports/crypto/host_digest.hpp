// Digests and secrets as text, for the host programs (the gateway's stored envelopes and API
// tokens, the platform's tokens): SHA-256 as lowercase hex, and random bytes from the operating
// system's generator as lowercase hex (libsodium for both).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tc::crypto {

[[nodiscard]] std::string sha256_hex(std::span<const uint8_t> bytes);
[[nodiscard]] std::string sha256_hex(std::string_view text);

// `count` random bytes as 2 * count hex digits. Throws std::runtime_error when libsodium cannot
// initialise (no usable random source): a host program cannot make secrets without one.
[[nodiscard]] std::string random_hex(std::size_t count);

}  // namespace tc::crypto
