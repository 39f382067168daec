// A Connection to an SQLite file (the platform's default store: one file, nothing to install).
// WAL journal, synchronous=NORMAL, foreign keys enforced, a busy timeout so that a second
// process on the same file waits instead of failing at once.
#pragma once

#include <memory>
#include <string>

#include "sql/connection.hpp"

struct sqlite3;

namespace tc::platform::sql {

class SqliteConnection final : public Connection {
 public:
  // ":memory:" for a private in-memory database.
  explicit SqliteConnection(const std::string& file);
  ~SqliteConnection() override;

  Result run(std::string_view sql, std::span<const Value> params) override;
  void run_script(std::string_view sql) override;
  void begin() override { run_script("BEGIN IMMEDIATE"); }
  [[nodiscard]] Dialect dialect() const override { return Dialect::sqlite; }
  [[nodiscard]] bool healthy() const override { return db_ != nullptr; }

 private:
  [[noreturn]] void fail(int code, std::string_view what) const;

  sqlite3* db_ = nullptr;
};

}  // namespace tc::platform::sql
