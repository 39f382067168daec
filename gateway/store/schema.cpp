#include "store/schema.hpp"

#include <array>
#include <string>

namespace tc::gw {
namespace {

// Migration i brings user_version from i to i + 1. Append only: a shipped step never changes.
constexpr std::array kMigrations = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  lifetime_s INTEGER NOT NULL,
  links TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  registered_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  offline_since INTEGER NOT NULL DEFAULT 0,
  events_next INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE commands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device TEXT NOT NULL,
  kind TEXT NOT NULL,
  container TEXT NOT NULL DEFAULT '',
  blob TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  coap_code TEXT NOT NULL DEFAULT '',
  result TEXT
);
CREATE INDEX commands_by_device ON commands (device, id);
CREATE INDEX commands_by_status ON commands (status, id);
CREATE TABLE blobs (key TEXT PRIMARY KEY, data BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
)sql",
    // The platform link (docs/api/platform-link.md): the last desired state accepted, the outbox
    // of items for the platform, the previous usage reading of each container.
    R"sql(
CREATE TABLE platform_desired (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision TEXT NOT NULL,
  document TEXT NOT NULL,
  accepted_at INTEGER NOT NULL
);
CREATE TABLE platform_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE platform_usage (
  device TEXT NOT NULL,
  container TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  counters TEXT NOT NULL,
  PRIMARY KEY (device, container)
);
)sql",
};

int64_t user_version(Database& db) {
  Statement s = db.prepare("PRAGMA user_version");
  return s.step() ? s.integer(0) : 0;
}

}  // namespace

void migrate(Database& db) {
  auto lock = db.lock();
  const int64_t version = user_version(db);
  if (version > static_cast<int64_t>(kMigrations.size())) {
    throw StoreError("the state database has schema version " + std::to_string(version) +
                     ", newer than this gateway's " + std::to_string(kMigrations.size()));
  }
  for (auto step = static_cast<std::size_t>(version); step < kMigrations.size(); ++step) {
    Transaction t(db);
    db.exec(kMigrations[step]);
    db.exec("PRAGMA user_version = " + std::to_string(step + 1));
    t.commit();
  }
}

}  // namespace tc::gw
