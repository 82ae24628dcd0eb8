// SqliteStore: the embedded default implementation of the Store port (app/ports/store.h).
//
// One database file in the data directory, opened in WAL mode with synchronous=FULL (an
// acknowledged write survives power loss), migrated to the current schema on Open. Writes are
// serialized by sqlite::Database's writer mutex; reads use a pool of reader connections and see
// a consistent snapshot. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "accrue/app/ports/store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) and migrates the database at `options.path`.
  static Result<std::unique_ptr<SqliteStore>> Open(const sqlite::OpenOptions& options,
                                                   int reader_count = 4);
  // Applies pending migrations only; returns the schema version reached.
  static Result<int> Migrate(const sqlite::OpenOptions& options);

  Status Write(const std::function<Status(StoreTx&)>& fn) override;
  Status Read(const std::function<Status(StoreTx&)>& fn) override;

  sqlite::Database& database() { return *db_; }

 private:
  explicit SqliteStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
  std::unique_ptr<sqlite::Database> db_;
};

// The database file inside a data directory.
std::string SqliteDatabasePath(std::string_view data_dir);

}  // namespace accrue
