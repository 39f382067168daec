#include "sql/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <memory>

#include "sql/placeholders.hpp"
#include "sql/sql_error.hpp"

namespace tc::platform::sql {
namespace {

// Type OIDs of pg_type that the layer reads back as something other than text.
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

ErrorKind kind_of(const PGresult* r, const PGconn* conn) {
  if (PQstatus(conn) != CONNECTION_OK) return ErrorKind::connection;
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) return ErrorKind::connection;
  const std::string_view s(state);
  if (s.starts_with("23")) return ErrorKind::constraint;
  if (s == "40001" || s == "40P01") return ErrorKind::retry;
  if (s.starts_with("08")) return ErrorKind::connection;
  return ErrorKind::other;
}

[[noreturn]] void fail(const PGresult* r, const PGconn* conn) {
  std::string why = PQerrorMessage(conn);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
    why.pop_back();
  throw Error(kind_of(r, conn), why.empty() ? "postgresql: unknown error" : why);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in its text form: \x followed by two hex digits a byte (the server's default output).
Bytes bytea_from_text(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) {
    throw Error(ErrorKind::other, "unexpected bytea text form");
  }
  Bytes out;
  out.data.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int hi = hex_digit(text[i]);
    const int lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) throw Error(ErrorKind::other, "bad hex in bytea");
    out.data.push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  return out;
}

Value cell_value(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col) != 0) return std::monostate{};
  const std::string_view text(PQgetvalue(r, row, col),
                              static_cast<std::size_t>(PQgetlength(r, row, col)));
  switch (PQftype(r, col)) {
    case kBool:
      return int64_t{text == "t" ? 1 : 0};
    case kInt2:
    case kInt4:
    case kInt8: {
      int64_t n = 0;
      std::from_chars(text.data(), text.data() + text.size(), n);
      return n;
    }
    case kBytea:
      return bytea_from_text(text);
    default:
      return std::string(text);
  }
}

}  // namespace

PostgresConnection::PostgresConnection(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
  if (conn_ == nullptr) throw Error(ErrorKind::connection, "postgresql: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && why.back() == '\n')
      why.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(ErrorKind::connection, "cannot connect to PostgreSQL: " + why);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
}

bool PostgresConnection::healthy() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

Result PostgresConnection::run(std::string_view sql, std::span<const Value> params) {
  const Numbered numbered = to_numbered(sql);
  if (numbered.parameters != params.size()) {
    throw Error(ErrorKind::other, "statement has " + std::to_string(numbered.parameters) +
                                      " parameters, " + std::to_string(params.size()) + " given");
  }
  const std::size_t n = params.size();
  std::vector<std::string> texts(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 0);
  std::vector<Oid> types(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (const auto* v = std::get_if<int64_t>(&params[i])) {
      texts[i] = std::to_string(*v);
      types[i] = kInt8;
      values[i] = texts[i].c_str();
    } else if (const auto* t = std::get_if<std::string>(&params[i])) {
      values[i] = t->c_str();  // type left to the server: text, or what the column needs
    } else if (const auto* b = std::get_if<Bytes>(&params[i])) {
      types[i] = kBytea;
      formats[i] = 1;
      lengths[i] = static_cast<int>(b->data.size());
      values[i] = reinterpret_cast<const char*>(b->data.data());
      if (values[i] == nullptr) values[i] = "";  // an empty bytea, not NULL
    }
  }
  ResultPtr r(PQexecParams(conn_, numbered.sql.c_str(), static_cast<int>(n), types.data(),
                           values.data(), lengths.data(), formats.data(), 0));
  const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(r.get(), conn_);
  std::vector<std::vector<Value>> rows;
  const int row_count = PQntuples(r.get());
  const int columns = PQnfields(r.get());
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int row = 0; row < row_count; ++row) {
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int col = 0; col < columns; ++col)
      cells.push_back(cell_value(r.get(), row, col));
    rows.push_back(std::move(cells));
  }
  int64_t affected = 0;
  const std::string_view tuples = PQcmdTuples(r.get());
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);
  return {std::move(rows), affected};
}

void PostgresConnection::run_script(std::string_view sql) {
  const std::string text = translate_schema(sql, Dialect::postgres);
  ResultPtr r(PQexec(conn_, text.c_str()));
  const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), conn_);
}

}  // namespace tc::platform::sql
