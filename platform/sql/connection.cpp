#include "sql/connection.hpp"

#include <array>
#include <utility>

namespace tc::platform::sql {

std::string translate_schema(std::string_view sql, Dialect dialect) {
  const bool pg = dialect == Dialect::postgres;
  const std::array<std::pair<std::string_view, std::string_view>, 3> markers{{
      {"{serial}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"},
      {"{int}", pg ? "BIGINT" : "INTEGER"},
      {"{bytes}", pg ? "BYTEA" : "BLOB"},
  }};
  std::string out;
  out.reserve(sql.size() + 64);
  for (std::size_t i = 0; i < sql.size();) {
    bool replaced = false;
    for (const auto& [marker, spelled] : markers) {
      if (sql.substr(i, marker.size()) == marker) {
        out += spelled;
        i += marker.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += sql[i++];
  }
  return out;
}

}  // namespace tc::platform::sql
