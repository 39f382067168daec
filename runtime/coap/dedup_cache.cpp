#include "coap/dedup_cache.hpp"

#include <algorithm>

namespace tc::coap {

DedupCache::DedupCache(std::span<CachedResponse> entries, std::span<uint8_t> arena)
    : entries_(entries), arena_(arena) {
  slot_size_ = entries.empty() ? 0 : std::min<std::size_t>(arena.size() / entries.size(), 0xffff);
}

const CachedResponse* DedupCache::find(const Endpoint& peer, uint16_t message_id,
                                       uint64_t now_ms) const {
  for (const CachedResponse& e : entries_) {
    if (e.used && e.expires_ms > now_ms && e.message_id == message_id && e.peer == peer) return &e;
  }
  return nullptr;
}

std::span<const uint8_t> DedupCache::response(const CachedResponse& entry) const {
  const auto index = static_cast<std::size_t>(&entry - entries_.data());
  return arena_.subspan(index * slot_size_, entry.length);
}

std::size_t DedupCache::victim() const {
  std::size_t oldest = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].used) return i;
    // Unsigned difference: correct across the wrap of the 32-bit sequence.
    if (sequence_ - entries_[i].sequence > sequence_ - entries_[oldest].sequence) oldest = i;
  }
  return oldest;
}

std::size_t DedupCache::insert(const Endpoint& peer, uint16_t message_id, uint64_t expires_ms) {
  if (entries_.empty()) return kNone;
  const std::size_t index = victim();
  entries_[index] = {true, peer, message_id, 0, sequence_++, expires_ms};
  return index;
}

void DedupCache::store(std::size_t index, std::span<const uint8_t> response) {
  if (index >= entries_.size() || response.size() > slot_size_) return;
  std::copy(response.begin(), response.end(),
            arena_.begin() + static_cast<std::ptrdiff_t>(index * slot_size_));
  entries_[index].length = static_cast<uint16_t>(response.size());
}

void DedupCache::expire(uint64_t now_ms) {
  for (CachedResponse& e : entries_) {
    if (e.used && e.expires_ms <= now_ms) e.used = false;
  }
}

}  // namespace tc::coap
