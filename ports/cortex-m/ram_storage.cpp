#include "ram_storage.hpp"

#include <algorithm>
#include <cstring>

namespace tc::cortex_m {

RamStorage::Entry* RamStorage::find(std::string_view key) {
  for (Entry& e : entries_) {
    if (e.key_length != 0 && e.name() == key) return &e;
  }
  return nullptr;
}

RamStorage::Entry* RamStorage::unused_entry() {
  for (Entry& e : entries_) {
    if (e.key_length == 0) return &e;
  }
  return nullptr;
}

void RamStorage::erase(Entry& entry) {
  const uint32_t end = entry.offset + entry.size;
  std::memmove(arena_.data() + entry.offset, arena_.data() + end, used_ - end);
  for (Entry& e : entries_) {
    if (e.key_length != 0 && e.offset >= end) e.offset -= entry.size;
  }
  used_ -= entry.size;
  entry = Entry{};
}

Result<uint32_t> RamStorage::size(std::string_view key) {
  const Entry* e = find(key);
  if (e == nullptr) return Status(StatusCode::not_found, "no such key");
  return e->size;
}

Result<uint32_t> RamStorage::read(std::string_view key, uint32_t offset, std::span<uint8_t> out) {
  const Entry* e = find(key);
  if (e == nullptr) return Status(StatusCode::not_found, "no such key");
  if (offset >= e->size) return 0u;
  const auto n = static_cast<uint32_t>(std::min<std::size_t>(out.size(), e->size - offset));
  std::memcpy(out.data(), arena_.data() + e->offset + offset, n);
  return n;
}

Status RamStorage::put(std::string_view key, std::span<const agent::Bytes> parts) {
  if (key.empty() || key.size() > agent::kMaxKeyLength) {
    return {StatusCode::invalid_argument, "bad storage key"};
  }
  uint64_t total = 0;
  for (const agent::Bytes& part : parts) {
    total += part.size();
  }
  Entry* existing = find(key);
  const uint64_t room = free_bytes() + (existing != nullptr ? existing->size : 0);
  if (total > room) return {StatusCode::resource_exhausted, "storage full"};
  if (existing == nullptr && unused_entry() == nullptr) {
    return {StatusCode::resource_exhausted, "too many storage keys"};
  }
  if (existing != nullptr) erase(*existing);
  Entry& entry = *unused_entry();
  std::memcpy(entry.key.data(), key.data(), key.size());
  entry.key_length = static_cast<uint8_t>(key.size());
  entry.offset = used_;
  entry.size = static_cast<uint32_t>(total);
  for (const agent::Bytes& part : parts) {
    if (!part.empty()) std::memcpy(arena_.data() + used_, part.data(), part.size());
    used_ += static_cast<uint32_t>(part.size());
  }
  return Status::Ok();
}

Status RamStorage::remove(std::string_view key) {
  Entry* e = find(key);
  if (e == nullptr) return {StatusCode::not_found, "no such key"};
  erase(*e);
  return Status::Ok();
}

Status RamStorage::list(std::string_view prefix, agent::KeyVisitor& visitor) {
  for (const Entry& e : entries_) {
    if (e.key_length != 0 && e.name().starts_with(prefix) && !visitor.visit(e.name(), e.size)) {
      break;
    }
  }
  return Status::Ok();
}

}  // namespace tc::cortex_m
