#include "grants/grant.hpp"

namespace tc::platform {

bool DeviceSelector::matches(const std::string& id,
                             const std::map<std::string, std::string>& device_labels) const {
  for (const auto& wanted : ids) {
    if (wanted == id) return true;
  }
  if (labels.empty()) return false;
  for (const auto& [key, value] : labels) {
    const auto it = device_labels.find(key);
    if (it == device_labels.end() || it->second != value) return false;
  }
  return true;
}

bool Grant::active_at(int64_t now_ms) const {
  if (revoked_ms && *revoked_ms <= now_ms) return false;
  if (now_ms < valid_from_ms) return false;
  return !valid_until_ms || now_ms < *valid_until_ms;
}

}  // namespace tc::platform
