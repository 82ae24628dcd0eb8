// Schema migrations for an SQLite database.
//
// What: the binary carries an ordered list of migrations (version, name, SQL); ApplyMigrations
// brings a database up to the newest one. The applied versions are recorded in
// schema_migrations(version, name, applied_at). Each missing migration runs in its own
// BEGIN IMMEDIATE transaction together with its schema_migrations row, so a crash or an error
// mid-migration leaves the database at the previous version (SQLite DDL is transactional).
//
// The database is refused (FailedPrecondition, nothing applied) when it is not a prefix of the
// binary's history: "storage.schema_too_new" when it records a version the binary does not know
// (an older binary started on a newer database), "storage.schema_mismatch" when a version was
// recorded under another name, "storage.schema_gap" when a known version is missing below the
// newest applied one (migrations must not be inserted into the past).
//
// Migration SQL must not contain BEGIN/COMMIT, and PRAGMA foreign_keys has no effect inside it
// (use PRAGMA defer_foreign_keys = ON when rebuilding a table); a migration that leaves a
// foreign key violation fails with "storage.migration_fk_violation".
//
// Lifecycle and thread-safety: call at start-up on one connection (Database::writer_unlocked())
// before serving. Other processes migrating the same file at the same time are safe: the write
// lock serializes them and each migration re-checks that it is still missing.
#pragma once

#include <span>
#include <string_view>

#include "accrue/base/status.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

struct Migration {
  int version;            // > 0; a list is strictly ascending (a violation is a bug and aborts)
  std::string_view name;  // recorded with the version; never rename a shipped migration
  std::string_view sql;   // one or more statements, run with sqlite3_exec
};

// Creates schema_migrations if needed and applies each missing migration in ascending order.
Status ApplyMigrations(Connection& connection, std::span<const Migration> migrations);

// The highest applied version, or 0 for a database that was never migrated.
Result<int> CurrentSchemaVersion(Connection& connection);

}  // namespace accrue::sqlite
