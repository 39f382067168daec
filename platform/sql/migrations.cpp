#include "sql/migrations.hpp"

#include <string>

namespace tc::platform::sql {
namespace {

// Any constant: the advisory lock's key, shared by every replica of the platform.
constexpr int64_t kMigrationLock = 0x7463706c6174;  // "tcplat"

void check_steps(std::span<const Migration> steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].version != static_cast<int>(i) + 1) {
      throw Error(ErrorKind::other, "schema steps out of order at " + std::to_string(i + 1));
    }
  }
}

int current_version(Connection& c) {
  c.run_script("CREATE TABLE IF NOT EXISTS schema_version (version {int} NOT NULL)");
  const Result r = c.exec("SELECT version FROM schema_version");
  if (r.empty()) {
    c.exec("INSERT INTO schema_version (version) VALUES (0)");
    return 0;
  }
  return static_cast<int>(r.integer(0, 0));
}

}  // namespace

MigrationOutcome migrate(Database& db, std::span<const Migration> steps) {
  check_steps(steps);
  Lease c = db.acquire();
  // Read committed on PostgreSQL (plain BEGIN): the version is read after the lock is held, so
  // a replica that waited sees what the first one applied.
  c->run_script(db.dialect() == Dialect::postgres ? "BEGIN" : "BEGIN IMMEDIATE");
  try {
    if (db.dialect() == Dialect::postgres) {
      c->exec("SELECT pg_advisory_xact_lock(?)", {kMigrationLock});
    }
    MigrationOutcome out;
    out.from = current_version(*c);
    if (out.from > static_cast<int>(steps.size())) {
      throw Error(ErrorKind::other, "the database's schema is version " + std::to_string(out.from) +
                                        ", newer than this platform's " +
                                        std::to_string(steps.size()) + ": upgrade the platform");
    }
    for (const Migration& step : steps.subspan(static_cast<std::size_t>(out.from))) {
      c->run_script(step.script);
    }
    out.to = static_cast<int>(steps.size());
    c->exec("UPDATE schema_version SET version = ?", {int64_t{out.to}});
    detail::commit(*c);
    return out;
  } catch (...) {
    detail::rollback_quietly(*c);
    throw;
  }
}

}  // namespace tc::platform::sql
