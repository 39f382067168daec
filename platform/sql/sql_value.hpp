// The values that cross the platform's SQL layer, the same for SQLite and PostgreSQL: NULL, a
// 64-bit integer, text, or bytes. A parameter is one of these; so is a result cell.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tc::platform::sql {

struct Bytes {
  std::vector<uint8_t> data;
  bool operator==(const Bytes&) const = default;
};

using Value = std::variant<std::monostate, int64_t, std::string, Bytes>;

}  // namespace tc::platform::sql
