// The gateway's SQLite database (DIR/gateway.db): one connection, shared by the threads that
// persist state (registry, command queue, blobs, tokens), each use under the database's lock.
// WAL journal, synchronous=NORMAL: a commit survives a crash of the gateway (not necessarily of
// the machine), and readers do not wait for writers on disk.
//
//   auto lock = db.lock();
//   Statement s = db.prepare("SELECT name FROM tokens WHERE id = ?");
//   s.bind(1, id);
//   while (s.step()) use(s.text(0));
//
// Failures (disk full, corrupt file) throw StoreError: they are not part of normal operation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tc::gw {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters count from 1, as in SQLite.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::span<const uint8_t> value);
  Statement& bind_null(int index);

  // True while a row is available; false when done (then the statement may be reset and reused).
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  // Columns count from 0.
  [[nodiscard]] int64_t integer(int column) const;
  [[nodiscard]] std::string text(int column) const;
  [[nodiscard]] std::vector<uint8_t> blob(int column) const;
  [[nodiscard]] bool is_null(int column) const;

 private:
  [[noreturn]] void fail(std::string_view what) const;

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Database {
 public:
  // Opens (creates) the file and applies the pragmas; ":memory:" for a private in-memory one.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Every use of the connection, statements included, is under this lock.
  [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  [[nodiscard]] Statement prepare(std::string_view sql);
  void exec(const std::string& sql);  // one or more statements without parameters
  [[nodiscard]] int64_t last_insert_id() const;
  [[nodiscard]] int changes() const;

 private:
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back when destroyed uncommitted (an exception). The caller
// holds the database's lock.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace tc::gw
