// The devices table: every device that ever registered, with its last registration.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "devices/device.hpp"
#include "store/database.hpp"

namespace tc::gw {

class DeviceStore {
 public:
  explicit DeviceStore(Database& db) : db_(db) {}

  // Every stored device, offline (online is not stored).
  [[nodiscard]] std::vector<Device> load() const;
  void save(const Device& device);
  void set_events_next(std::string_view id, uint64_t next);

 private:
  Database& db_;
};

}  // namespace tc::gw
