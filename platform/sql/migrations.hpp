// The platform's schema, versioned: each Migration is one step, applied once, in order, in one
// transaction with the version it brings. Several replicas starting together on one PostgreSQL
// database apply each step once (an advisory lock serialises them); SQLite's write lock does the
// same for processes on one file. A database whose version is newer than the steps this program
// knows is refused: an older platform must not write to a schema it does not understand.
#pragma once

#include <span>
#include <string_view>

#include "sql/database.hpp"

namespace tc::platform::sql {

struct Migration {
  int version;                   // 1, 2, 3 ... without gaps
  std::string_view description;  // for the log
  std::string_view script;       // statements, schema markers allowed (connection.hpp)
};

struct MigrationOutcome {
  int from = 0;  // the version found
  int to = 0;    // the version now
};

// Throws sql::Error (kind other) for a newer database or steps out of order.
MigrationOutcome migrate(Database& db, std::span<const Migration> steps);

}  // namespace tc::platform::sql
