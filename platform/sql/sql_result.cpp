#include "sql/sql_result.hpp"

#include "sql/sql_error.hpp"

namespace tc::platform::sql {
namespace {

[[noreturn]] void wrong_type(std::size_t r, std::size_t c, const char* wanted) {
  throw Error(ErrorKind::other,
              "row " + std::to_string(r) + " column " + std::to_string(c) + " is not " + wanted);
}

}  // namespace

const Value& Result::cell(std::size_t r, std::size_t c) const {
  if (r >= rows_.size() || c >= rows_[r].size()) {
    throw Error(ErrorKind::other,
                "no cell at row " + std::to_string(r) + " column " + std::to_string(c));
  }
  return rows_[r][c];
}

bool Result::is_null(std::size_t r, std::size_t c) const {
  return std::holds_alternative<std::monostate>(cell(r, c));
}

int64_t Result::integer(std::size_t r, std::size_t c) const {
  const auto* v = std::get_if<int64_t>(&cell(r, c));
  if (v == nullptr) wrong_type(r, c, "an integer");
  return *v;
}

std::string Result::text(std::size_t r, std::size_t c) const {
  const auto* v = std::get_if<std::string>(&cell(r, c));
  if (v == nullptr) wrong_type(r, c, "text");
  return *v;
}

std::vector<uint8_t> Result::bytes(std::size_t r, std::size_t c) const {
  const auto* v = std::get_if<Bytes>(&cell(r, c));
  if (v == nullptr) wrong_type(r, c, "bytes");
  return v->data;
}

std::optional<int64_t> Result::scalar() const {
  if (rows_.empty() || rows_[0].empty() || is_null(0, 0)) return std::nullopt;
  return integer(0, 0);
}

}  // namespace tc::platform::sql
