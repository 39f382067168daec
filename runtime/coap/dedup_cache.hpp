// Message deduplication (RFC 7252 4.5): the response sent for (peer, message id) is kept for
// EXCHANGE_LIFETIME (CON) or NON_LIFETIME (NON) so that a retransmitted request gets the same
// bytes again and its handler never runs twice. Fixed number of entries, each with a slot of
// `arena.size() / entries.size()` bytes. When full the oldest entry is evicted: dropping a stale
// duplicate record is better than refusing new requests for 247 seconds (a block-wise upload
// alone spends one message id per block).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "coap/endpoint.hpp"

namespace tc::coap {

struct CachedResponse {
  bool used = false;
  Endpoint peer;
  uint16_t message_id = 0;
  uint16_t length = 0;    // 0: no response (in progress, or a NON left unanswered)
  uint32_t sequence = 0;  // insertion order, for eviction
  uint64_t expires_ms = 0;
};

class DedupCache {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  DedupCache(std::span<CachedResponse> entries, std::span<uint8_t> arena);

  // The live entry for (peer, message id), or nullptr.
  [[nodiscard]] const CachedResponse* find(const Endpoint& peer, uint16_t message_id,
                                           uint64_t now_ms) const;
  [[nodiscard]] std::span<const uint8_t> response(const CachedResponse& entry) const;
  // Records a new exchange without response yet; returns its index (kNone without entries).
  std::size_t insert(const Endpoint& peer, uint16_t message_id, uint64_t expires_ms);
  // Keeps the response for index; one larger than a slot is not kept (duplicates are ignored).
  void store(std::size_t index, std::span<const uint8_t> response);
  void expire(uint64_t now_ms);
  [[nodiscard]] std::size_t slot_size() const { return slot_size_; }

 private:
  [[nodiscard]] std::size_t victim() const;

  std::span<CachedResponse> entries_;
  std::span<uint8_t> arena_;
  std::size_t slot_size_ = 0;
  uint32_t sequence_ = 0;
};

}  // namespace tc::coap
