// What a statement returned: its rows (each a vector of values, in column order) and, for a
// change, how many rows it touched. Accessors check types and say which cell was wrong, so a
// schema mismatch is a clear error rather than a silent zero.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/sql_value.hpp"

namespace tc::platform::sql {

class Result {
 public:
  Result() = default;
  Result(std::vector<std::vector<Value>> rows, int64_t affected)
      : rows_(std::move(rows)), affected_(affected) {}

  [[nodiscard]] std::size_t size() const { return rows_.size(); }
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  [[nodiscard]] int64_t affected() const { return affected_; }
  [[nodiscard]] const std::vector<Value>& row(std::size_t r) const { return rows_.at(r); }

  [[nodiscard]] bool is_null(std::size_t r, std::size_t c) const;
  [[nodiscard]] int64_t integer(std::size_t r, std::size_t c) const;
  [[nodiscard]] std::string text(std::size_t r, std::size_t c) const;
  [[nodiscard]] std::vector<uint8_t> bytes(std::size_t r, std::size_t c) const;
  // The first row's first column as an integer, or none when there is no row or it is NULL.
  [[nodiscard]] std::optional<int64_t> scalar() const;

 private:
  [[nodiscard]] const Value& cell(std::size_t r, std::size_t c) const;

  std::vector<std::vector<Value>> rows_;
  int64_t affected_ = 0;
};

}  // namespace tc::platform::sql
