#include "coap/transfer_pool.hpp"

#include <algorithm>

namespace tc::coap {

TransferPool::TransferPool(std::span<Transfer> transfers, std::span<uint8_t> arena)
    : transfers_(transfers), arena_(arena) {
  slot_size_ = transfers.empty() ? 0 : arena.size() / transfers.size();
}

std::span<uint8_t> TransferPool::buffer(const Transfer& t) {
  const auto index = static_cast<std::size_t>(&t - transfers_.data());
  return arena_.subspan(index * slot_size_, slot_size_);
}

Transfer* TransferPool::find(const Endpoint& peer, ResourceId resource, const Message& request,
                             TransferUse use, uint64_t now_ms) {
  for (Transfer& t : transfers_) {
    if (t.used && t.use == use && t.expires_ms > now_ms && t.resource == resource &&
        t.peer == peer && t.key.matches(request)) {
      return &t;
    }
  }
  return nullptr;
}

bool TransferPool::available(const Transfer& t, TransferUse use, uint64_t now_ms) const {
  return !t.used || t.expires_ms <= now_ms ||
         (use == TransferUse::upload && t.use == TransferUse::snapshot);
}

Transfer* TransferPool::claim(const Endpoint& peer, ResourceId resource, const Message& request,
                              TransferUse use, uint64_t now_ms) {
  Transfer* slot = find(peer, resource, request, use, now_ms);  // a restart replaces the old one
  // A free slot before a snapshot's: an upload only displaces a snapshot when it must.
  for (Transfer& t : transfers_) {
    if (slot == nullptr && (!t.used || t.expires_ms <= now_ms)) slot = &t;
  }
  for (Transfer& t : transfers_) {
    if (slot == nullptr && available(t, use, now_ms)) slot = &t;
  }
  if (slot == nullptr) return nullptr;
  *slot = Transfer{};
  // Accept is part of a snapshot's key: it chose the representation.
  if (!slot->key.capture(request, use == TransferUse::snapshot).ok()) return nullptr;
  slot->used = true;
  slot->use = use;
  slot->peer = peer;
  slot->resource = resource;
  return slot;
}

void TransferPool::release(Transfer* transfer) {
  if (transfer != nullptr) transfer->used = false;
}

void TransferPool::expire(uint64_t now_ms) {
  for (Transfer& t : transfers_) {
    if (t.used && t.expires_ms <= now_ms) t.used = false;
  }
}

std::size_t TransferPool::active() const {
  return static_cast<std::size_t>(std::count_if(transfers_.begin(), transfers_.end(),
                                                [](const Transfer& t) { return t.used; }));
}

}  // namespace tc::coap
