// tc-platform's schema (docs/platform.md), as the ordered steps of platform/sql's migrations.
// A step, once released, never changes: a change to the schema is a new step.
#pragma once

#include <span>

#include "sql/migrations.hpp"

namespace tc::platform {

[[nodiscard]] std::span<const sql::Migration> schema_steps();

}  // namespace tc::platform
