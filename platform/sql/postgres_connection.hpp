// A Connection to a PostgreSQL server through libpq, for fleets that outgrow one machine: several
// platform replicas share one database. Text results are read back into the layer's values by
// column type (integers and booleans as integers, bytea as bytes, the rest as text).
#pragma once

#include <string>

#include "sql/connection.hpp"

struct pg_conn;

namespace tc::platform::sql {

class PostgresConnection final : public Connection {
 public:
  // `uri`: a libpq connection URI, e.g. postgresql://user@host:5432/db.
  explicit PostgresConnection(const std::string& uri);
  ~PostgresConnection() override;

  Result run(std::string_view sql, std::span<const Value> params) override;
  void run_script(std::string_view sql) override;
  void begin() override { run_script("BEGIN ISOLATION LEVEL SERIALIZABLE"); }
  [[nodiscard]] Dialect dialect() const override { return Dialect::postgres; }
  [[nodiscard]] bool healthy() const override;

 private:
  pg_conn* conn_ = nullptr;
};

}  // namespace tc::platform::sql
