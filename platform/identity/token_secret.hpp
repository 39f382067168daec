// The bearer tokens the platform issues, to users and to gateways alike: "tcp_" and 64 hex digits
// (32 random bytes). Only a token's SHA-256 is stored, so the database holds no usable credential
// and the secret is shown once, when it is issued.
#pragma once

#include <string>
#include <string_view>

namespace tc::platform {

[[nodiscard]] std::string new_token_secret();
// Whether `secret` has a token's form (checked before any query).
[[nodiscard]] bool looks_like_token(std::string_view secret);
// What the database stores of it: its SHA-256 in hex.
[[nodiscard]] std::string token_hash(std::string_view secret);

}  // namespace tc::platform
