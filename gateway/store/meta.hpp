// Small named counters the gateway keeps across restarts (the meta table), e.g. the highest
// event id reserved.
#pragma once

#include <cstdint>
#include <string_view>

#include "store/database.hpp"

namespace tc::gw {

class Meta {
 public:
  explicit Meta(Database& db) : db_(db) {}

  [[nodiscard]] int64_t get(std::string_view key, int64_t fallback) const;
  void set(std::string_view key, int64_t value);

 private:
  Database& db_;
};

}  // namespace tc::gw
