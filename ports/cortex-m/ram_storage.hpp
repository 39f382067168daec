// The agent's Storage port in RAM for the phase-1 firmware: a fixed table of keys over a byte
// arena the caller provides, no heap. Values sit back to back in the arena; replacing or removing
// one moves the later values down, so free space is always one block at the end.
//
// put() checks that the new value fits before it changes anything, so a refused put leaves the
// old value; that is the whole of "atomic" here, since RAM does not survive power loss anyway. A
// flash-backed store with the same interface replaces it when the firmware gets persistence.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "agent/storage.hpp"

namespace tc::cortex_m {

class RamStorage final : public agent::Storage {
 public:
  static constexpr std::size_t kMaxKeys = 16;

  explicit RamStorage(std::span<uint8_t> arena) : arena_(arena) {}

  Result<uint32_t> size(std::string_view key) override;
  Result<uint32_t> read(std::string_view key, uint32_t offset, std::span<uint8_t> out) override;
  Status put(std::string_view key, std::span<const agent::Bytes> parts) override;
  Status remove(std::string_view key) override;
  Status list(std::string_view prefix, agent::KeyVisitor& visitor) override;
  [[nodiscard]] uint64_t free_bytes() const override { return arena_.size() - used_; }

 private:
  struct Entry {
    std::array<char, agent::kMaxKeyLength> key{};
    uint8_t key_length = 0;  // 0: unused entry
    uint32_t offset = 0;
    uint32_t size = 0;

    [[nodiscard]] std::string_view name() const { return {key.data(), key_length}; }
  };

  [[nodiscard]] Entry* find(std::string_view key);
  [[nodiscard]] Entry* unused_entry();
  // Drops the value of `entry` from the arena (moving later values down) and frees the entry.
  void erase(Entry& entry);

  std::span<uint8_t> arena_;
  uint32_t used_ = 0;
  std::array<Entry, kMaxKeys> entries_{};
};

}  // namespace tc::cortex_m
