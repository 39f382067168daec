// The gateway database's tables, created or upgraded on open (PRAGMA user_version counts the
// migrations applied). Every table is owned by one store class: devices (DeviceStore), commands
// (CommandStore), blobs (BlobStore), tokens (TokenStore), meta (Meta).
#pragma once

#include "store/database.hpp"

namespace tc::gw {

// Brings the schema to the current version; a database written by a newer gateway is refused.
void migrate(Database& db);

}  // namespace tc::gw
