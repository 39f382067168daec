#include "sql/placeholders.hpp"

namespace tc::platform::sql {
namespace {

// The index just past the construct starting at `i` that must be copied verbatim (a quoted
// string or identifier, a comment), or `i` when none starts there. An unterminated one runs to
// the end: the server will refuse the statement with its own message.
std::size_t verbatim_end(std::string_view sql, std::size_t i) {
  const char c = sql[i];
  if (c == '\'' || c == '"') {
    std::size_t j = i + 1;
    while (j < sql.size()) {
      if (sql[j] == c) {
        if (j + 1 < sql.size() && sql[j + 1] == c) {  // '' or "" inside: an escaped quote
          j += 2;
          continue;
        }
        return j + 1;
      }
      ++j;
    }
    return sql.size();
  }
  if (sql.substr(i, 2) == "--") {
    const std::size_t nl = sql.find('\n', i);
    return nl == std::string_view::npos ? sql.size() : nl + 1;
  }
  if (sql.substr(i, 2) == "/*") {
    const std::size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  return i;
}

}  // namespace

Numbered to_numbered(std::string_view sql) {
  Numbered out;
  out.sql.reserve(sql.size() + 16);
  for (std::size_t i = 0; i < sql.size();) {
    const std::size_t end = verbatim_end(sql, i);
    if (end != i) {
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (sql[i] == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.parameters);
      ++i;
    } else {
      out.sql += sql[i++];
    }
  }
  return out;
}

}  // namespace tc::platform::sql
