// PostgreSQL numbers its parameters ($1, $2 ...) where the platform's statements write `?`.
// to_numbered rewrites the `?` outside string literals, quoted identifiers and comments, and
// counts them, so a statement with the wrong number of parameters fails with a clear message
// before it reaches the server.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tc::platform::sql {

struct Numbered {
  std::string sql;
  std::size_t parameters = 0;
};

[[nodiscard]] Numbered to_numbered(std::string_view sql);

}  // namespace tc::platform::sql
