// The first token: on a gateway's first start (no token stored yet) an "admin" token is made,
// written to DIR/admin.token (mode 0600, for scripts and tests) and returned for printing once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "auth/token_store.hpp"

namespace tc::gw {

// The new token's secret, or empty when tokens already exist. Throws std::runtime_error when the
// file cannot be written (the token is then removed again: no token nobody can read).
[[nodiscard]] std::optional<std::string> create_admin_token(TokenStore& tokens,
                                                            const std::filesystem::path& file);

}  // namespace tc::gw
