// One connection to the platform's database, SQLite or PostgreSQL behind the same calls
// (DESIGN.md 5: one schema, one test suite, both stores). Statements are written once, with `?`
// for parameters; a connection translates them for its server. Schema scripts may use three
// markers for the types the two dialects spell differently (translate_schema).
//
//   Result r = c.exec("SELECT id, name FROM tenants WHERE name = ?", {std::string("acme")});
//
// A connection is used by one thread at a time (Database hands them out). Failures throw
// sql::Error with a kind the caller can act on.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "sql/sql_result.hpp"
#include "sql/sql_value.hpp"

namespace tc::platform::sql {

enum class Dialect : uint8_t { sqlite, postgres };

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One statement with `?` parameters, bound in order.
  virtual Result run(std::string_view sql, std::span<const Value> params) = 0;
  Result exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return run(sql, std::span(params.begin(), params.size()));
  }
  // Several statements without parameters, schema markers translated (migrations).
  virtual void run_script(std::string_view sql) = 0;
  // The statement that starts a transaction as strict as the dialect offers: SQLite's
  // BEGIN IMMEDIATE (one writer), PostgreSQL's SERIALIZABLE (conflicts fail as ErrorKind::retry).
  virtual void begin() = 0;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  // False once the connection is broken (the pool then replaces it).
  [[nodiscard]] virtual bool healthy() const = 0;
};

// `{serial}`: an auto-numbered 64-bit primary key; `{int}`: a 64-bit integer; `{bytes}`: binary.
[[nodiscard]] std::string translate_schema(std::string_view sql, Dialect dialect);

}  // namespace tc::platform::sql
