// The token of an `Authorization: Bearer <token>` header (RFC 6750, 2.1; the scheme's name is
// case-insensitive).
#pragma once

#include <string_view>

namespace tc::http {

// The token, or empty when the header is absent, of another scheme or has no token.
[[nodiscard]] std::string_view bearer_token(std::string_view authorization);

}  // namespace tc::http
