#include "auth/token_store.hpp"

#include <algorithm>
#include <mutex>

#include "common/sha256.hpp"
#include "common/wall_clock.hpp"

namespace tc::gw {
namespace {

constexpr std::string_view kPrefix = "tcg_";
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kIdBytes = 8;

}  // namespace

Json to_json(const TokenInfo& token) {
  return {{"id", token.id}, {"name", token.name}, {"created_at", rfc3339(token.created_ms)}};
}

TokenStore::TokenStore(Database& db) : db_(db) {
  auto lock = db_.lock();
  Statement s = db_.prepare("SELECT id, name, hash, created_at FROM tokens");
  while (s.step()) {
    by_hash_.emplace(s.text(2), TokenInfo{s.text(0), s.text(1), s.integer(3)});
  }
}

NewToken TokenStore::create(std::string name) {
  NewToken token{{random_hex(kIdBytes), std::move(name), now_ms()},
                 std::string(kPrefix) + random_hex(kSecretBytes)};
  const std::string hash = sha256_hex(token.secret);
  {
    auto lock = db_.lock();
    db_.prepare("INSERT INTO tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, token.info.id)
        .bind(2, token.info.name)
        .bind(3, hash)
        .bind(4, token.info.created_ms)
        .run();
  }
  const std::unique_lock lock(mutex_);
  by_hash_.emplace(hash, token.info);
  return token;
}

bool TokenStore::remove(std::string_view id) {
  {
    const std::unique_lock lock(mutex_);
    const auto it = std::find_if(by_hash_.begin(), by_hash_.end(),
                                 [&](const auto& entry) { return entry.second.id == id; });
    if (it == by_hash_.end()) return false;
    by_hash_.erase(it);
  }
  auto lock = db_.lock();
  db_.prepare("DELETE FROM tokens WHERE id = ?").bind(1, id).run();
  return true;
}

std::vector<TokenInfo> TokenStore::list() const {
  std::vector<TokenInfo> out;
  {
    const std::shared_lock lock(mutex_);
    for (const auto& entry : by_hash_)
      out.push_back(entry.second);
  }
  std::sort(out.begin(), out.end(), [](const TokenInfo& a, const TokenInfo& b) {
    return a.created_ms != b.created_ms ? a.created_ms < b.created_ms : a.id < b.id;
  });
  return out;
}

bool TokenStore::empty() const {
  const std::shared_lock lock(mutex_);
  return by_hash_.empty();
}

std::optional<std::string> TokenStore::verify(std::string_view secret) const {
  // Only well-formed tokens are hashed: junk costs nothing.
  if (secret.size() != kPrefix.size() + 2 * kSecretBytes ||
      secret.substr(0, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  const std::string hash = sha256_hex(secret);
  const std::shared_lock lock(mutex_);
  const auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second.id;
}

}  // namespace tc::gw
