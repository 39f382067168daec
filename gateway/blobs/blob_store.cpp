#include "blobs/blob_store.hpp"

#include <mutex>

#include "common/sha256.hpp"
#include "common/wall_clock.hpp"

namespace tc::gw {

BlobStore::BlobStore(Database& db) : db_(db) {
  auto lock = db_.lock();
  Statement s = db_.prepare("SELECT key, data FROM blobs");
  while (s.step()) {
    blobs_.emplace(s.text(0), std::make_shared<const std::vector<uint8_t>>(s.blob(1)));
  }
}

std::string BlobStore::put(std::vector<uint8_t> bytes) {
  std::string key = sha256_hex(bytes);
  auto shared = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  {
    auto lock = db_.lock();
    db_.prepare("INSERT OR IGNORE INTO blobs (key, data, created_at) VALUES (?, ?, ?)")
        .bind(1, key)
        .bind(2, std::span<const uint8_t>(*shared))
        .bind(3, now_ms())
        .run();
  }
  const std::unique_lock lock(mutex_);
  blobs_.try_emplace(key, std::move(shared));
  return key;
}

void BlobStore::remove(std::string_view key) {
  {
    const std::unique_lock lock(mutex_);
    if (const auto it = blobs_.find(key); it != blobs_.end()) blobs_.erase(it);
  }
  auto lock = db_.lock();
  db_.prepare("DELETE FROM blobs WHERE key = ?").bind(1, key).run();
}

void BlobStore::retain_only(const std::set<std::string, std::less<>>& keep) {
  std::vector<std::string> gone;
  {
    const std::shared_lock lock(mutex_);
    for (const auto& entry : blobs_)
      if (!keep.contains(entry.first)) gone.push_back(entry.first);
  }
  for (const std::string& key : gone)
    remove(key);
}

std::shared_ptr<const std::vector<uint8_t>> BlobStore::blob(std::string_view key) const {
  const std::shared_lock lock(mutex_);
  const auto it = blobs_.find(key);
  return it == blobs_.end() ? nullptr : it->second;
}

std::size_t BlobStore::count() const {
  const std::shared_lock lock(mutex_);
  return blobs_.size();
}

}  // namespace tc::gw
