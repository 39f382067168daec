// Envelopes the gateway stores for devices to fetch block-wise (coap://GATEWAY/b/<key>), keyed by
// their SHA-256 in hex. Persisted in the blobs table so that an install queued before a restart
// still finds its envelope; held in memory as well, because the CoAP side asks for blocks on its
// own thread and must be answered at once (BlobSource).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "link/device_link.hpp"
#include "store/database.hpp"

namespace tc::gw {

class BlobStore final : public BlobSource {
 public:
  // Loads every stored blob.
  explicit BlobStore(Database& db);

  // Stores the bytes (once per content) and returns their key.
  std::string put(std::vector<uint8_t> bytes);
  void remove(std::string_view key);
  // Removes every blob whose key is not in `keep` (left over from a crash).
  void retain_only(const std::set<std::string, std::less<>>& keep);

  [[nodiscard]] std::shared_ptr<const std::vector<uint8_t>> blob(
      std::string_view key) const override;
  [[nodiscard]] std::size_t count() const;

 private:
  Database& db_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::vector<uint8_t>>, std::less<>> blobs_;
};

}  // namespace tc::gw
