#include "accrue/storage/sqlite/sqlite_migrator.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue::sqlite {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

struct Applied {
  int64_t version;
  std::string name;
};

void CheckMigrationList(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    ACCRUE_CHECK(migrations[i].version > 0, "migration versions start at 1");
    ACCRUE_CHECK(!migrations[i].name.empty(), "a migration needs a name");
    ACCRUE_CHECK(i == 0 || migrations[i - 1].version < migrations[i].version,
                 "migrations must be listed in strictly ascending version order, no duplicates");
  }
}

const Migration* FindKnown(std::span<const Migration> migrations, int64_t version) {
  auto it = std::lower_bound(
      migrations.begin(), migrations.end(), version,
      [](const Migration& m, int64_t v) { return static_cast<int64_t>(m.version) < v; });
  if (it == migrations.end() || it->version != version) return nullptr;
  return &*it;
}

Result<std::vector<Applied>> LoadApplied(Connection& connection) {
  ASSIGN_OR_RETURN(Statement * select,
                   connection.Prepare("SELECT version, name FROM schema_migrations "
                                      "ORDER BY version"));
  std::vector<Applied> applied;
  while (true) {
    ASSIGN_OR_RETURN(bool row, select->Step());
    if (!row) break;
    applied.push_back({select->ColumnInt(0), select->ColumnText(1)});
  }
  return applied;
}

bool IsApplied(const std::vector<Applied>& applied, int version) {
  return std::any_of(applied.begin(), applied.end(),
                     [version](const Applied& a) { return a.version == version; });
}

// The database's history must be a prefix of the binary's.
Status Validate(const std::vector<Applied>& applied, std::span<const Migration> migrations) {
  const int64_t known_max = migrations.empty() ? 0 : migrations.back().version;
  for (const Applied& a : applied) {
    const Migration* known = FindKnown(migrations, a.version);
    if (known == nullptr) {
      return WrongState("storage.schema_too_new",
                        fmt::format("the database has schema version {} ('{}') which this binary "
                                    "does not know (it knows up to {}); use a newer binary",
                                    a.version, a.name, known_max));
    }
    if (known->name != a.name) {
      return WrongState("storage.schema_mismatch",
                        fmt::format("schema version {} was applied as '{}' but this binary calls "
                                    "it '{}'",
                                    a.version, a.name, known->name));
    }
  }
  if (applied.empty()) return OkStatus();
  const int64_t applied_max = applied.back().version;
  for (const Migration& m : migrations) {
    if (m.version >= applied_max) break;
    if (!IsApplied(applied, m.version)) {
      return WrongState("storage.schema_gap",
                        fmt::format("migration {} ('{}') is missing below applied version {}",
                                    m.version, m.name, applied_max));
    }
  }
  return OkStatus();
}

Status CheckForeignKeys(Connection& connection, const Migration& m) {
  ASSIGN_OR_RETURN(Statement check, connection.PrepareUncached("PRAGMA foreign_key_check"));
  ASSIGN_OR_RETURN(bool violation, check.Step());
  if (!violation) return OkStatus();
  return InternalError("storage.migration_fk_violation",
                       fmt::format("migration {} ('{}') leaves a row of '{}' with a dangling "
                                   "foreign key to '{}'",
                                   m.version, m.name, check.ColumnText(0), check.ColumnText(2)));
}

// Applies `m` unless another process did meanwhile; the caller has checked it was missing.
Status ApplyOne(Connection& connection, const Migration& m, std::span<const Migration> migrations) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(connection, Transaction::Kind::kWrite));
  ASSIGN_OR_RETURN(std::vector<Applied> applied, LoadApplied(connection));
  RETURN_IF_ERROR(Validate(applied, migrations));
  if (IsApplied(applied, m.version)) return OkStatus();  // rolls back an empty transaction

  Status status = connection.Exec(m.sql);
  if (!status.ok()) {
    return MakeError(
        status.code(), ErrorReason(status),
        fmt::format("migration {} ('{}'): {}", m.version, m.name, AsStd(status.message())));
  }
  if (connection.InAutocommit()) {
    return InternalError("storage.error", fmt::format("migration {} ('{}') ended the transaction "
                                                      "itself; remove its BEGIN/COMMIT",
                                                      m.version, m.name));
  }
  RETURN_IF_ERROR(CheckForeignKeys(connection, m));
  // applied_at is audit metadata only, so SQLite's clock is acceptable here.
  ASSIGN_OR_RETURN(Statement * insert,
                   connection.Prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                                      "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"));
  RETURN_IF_ERROR(insert->Bind(1, m.version).Bind(2, m.name).Run());
  return tx.Commit();
}

}  // namespace

Status ApplyMigrations(Connection& connection, std::span<const Migration> migrations) {
  CheckMigrationList(migrations);
  RETURN_IF_ERROR(connection.Exec(kCreateTable));

  std::vector<const Migration*> missing;
  {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(connection, Transaction::Kind::kRead));
    ASSIGN_OR_RETURN(std::vector<Applied> applied, LoadApplied(connection));
    RETURN_IF_ERROR(Validate(applied, migrations));
    for (const Migration& m : migrations) {
      if (!IsApplied(applied, m.version)) missing.push_back(&m);
    }
    RETURN_IF_ERROR(tx.Commit());
  }
  for (const Migration* m : missing) RETURN_IF_ERROR(ApplyOne(connection, *m, migrations));
  return OkStatus();
}

Result<int> CurrentSchemaVersion(Connection& connection) {
  ASSIGN_OR_RETURN(Statement * exists,
                   connection.Prepare("SELECT 1 FROM sqlite_schema "
                                      "WHERE type = 'table' AND name = 'schema_migrations'"));
  ASSIGN_OR_RETURN(bool has_table, exists->Step());
  exists->Reset();
  if (!has_table) return 0;
  ASSIGN_OR_RETURN(Statement * select,
                   connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  ASSIGN_OR_RETURN(bool row, select->Step());
  ACCRUE_CHECK(row, "an aggregate query returns one row");
  const int64_t version = select->ColumnInt(0);
  select->Reset();
  if (version < 0 || version > INT_MAX) {
    return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt",
                     fmt::format("schema_migrations holds version {}", version));
  }
  return static_cast<int>(version);
}

}  // namespace accrue::sqlite
