#include "sql/sqlite_connection.hpp"

#include <sqlite3.h>

#include <memory>

#include "sql/sql_error.hpp"

namespace tc::platform::sql {
namespace {

struct FinalizeStatement {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

ErrorKind kind_of(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return ErrorKind::constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::retry;
    default:
      return ErrorKind::other;
  }
}

Value column_value(sqlite3_stmt* s, int c) {
  switch (sqlite3_column_type(s, c)) {
    case SQLITE_INTEGER:
      return int64_t{sqlite3_column_int64(s, c)};
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_BLOB: {
      const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s, c));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(s, c));
      return Bytes{p == nullptr ? std::vector<uint8_t>{} : std::vector<uint8_t>(p, p + n)};
    }
    default: {  // TEXT, and REAL as its text (the schema has no REAL columns)
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
      return std::string(p == nullptr ? "" : p,
                         static_cast<std::size_t>(sqlite3_column_bytes(s, c)));
    }
  }
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& file) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorKind::connection, "cannot open " + file + ": " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  run_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close(db_);
}

void SqliteConnection::fail(int code, std::string_view what) const {
  throw Error(kind_of(code), std::string(what) + ": " + sqlite3_errmsg(db_));
}

Result SqliteConnection::run(std::string_view sql, std::span<const Value> params) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  StatementPtr statement(raw);
  if (rc != SQLITE_OK) fail(rc, "prepare");
  if (raw == nullptr) throw Error(ErrorKind::other, "empty statement");
  if (tail != nullptr &&
      std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    throw Error(ErrorKind::other, "one statement at a time: " + std::string(sql));
  }
  const auto wanted = static_cast<std::size_t>(sqlite3_bind_parameter_count(raw));
  if (wanted != params.size()) {
    throw Error(ErrorKind::other, "statement has " + std::to_string(wanted) + " parameters, " +
                                      std::to_string(params.size()) + " given");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int at = static_cast<int>(i + 1);
    const Value& v = params[i];
    if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(raw, at, *n);
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(raw, at, t->data(), t->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Bytes>(&v)) {
      // A null pointer would bind NULL: an empty value is a zero-length blob.
      rc = b->data.empty()
               ? sqlite3_bind_zeroblob64(raw, at, 0)
               : sqlite3_bind_blob64(raw, at, b->data.data(), b->data.size(), SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(raw, at);
    }
    if (rc != SQLITE_OK) fail(rc, "bind");
  }
  std::vector<std::vector<Value>> rows;
  const int columns = sqlite3_column_count(raw);
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    std::vector<Value> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c)
      row.push_back(column_value(raw, c));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) fail(rc, "step");
  const int64_t affected = sqlite3_stmt_readonly(raw) != 0 ? 0 : sqlite3_changes64(db_);
  return {std::move(rows), affected};
}

void SqliteConnection::run_script(std::string_view sql) {
  const std::string text = translate_schema(sql, Dialect::sqlite);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string why = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw Error(kind_of(rc), why);
  }
}

}  // namespace tc::platform::sql
