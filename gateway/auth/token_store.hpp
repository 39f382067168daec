// API tokens (Authorization: Bearer <token>). A token is "tcg_" and 64 hex digits (32 random
// bytes); only its SHA-256 is stored, so the database does not hold usable credentials and the
// secret is shown once, when it is created. Verification runs on every request, the proxy's
// hot path included: it hashes and looks up in memory, never in SQLite.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/json.hpp"
#include "store/database.hpp"

namespace tc::gw {

struct TokenInfo {
  std::string id;  // public handle (16 hex digits), for listing and deleting
  std::string name;
  int64_t created_ms = 0;
};

struct NewToken {
  TokenInfo info;
  std::string secret;  // the bearer token itself; not recoverable later
};

[[nodiscard]] Json to_json(const TokenInfo& token);

class TokenStore {
 public:
  // Loads the stored token hashes.
  explicit TokenStore(Database& db);

  NewToken create(std::string name);
  // False when no token has this id.
  bool remove(std::string_view id);
  [[nodiscard]] std::vector<TokenInfo> list() const;  // oldest first
  [[nodiscard]] bool empty() const;
  // The token's id when `secret` is a valid token.
  [[nodiscard]] std::optional<std::string> verify(std::string_view secret) const;

 private:
  Database& db_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, TokenInfo> by_hash_;
};

}  // namespace tc::gw
