// The composition root: the one place that picks concrete adapters (SQLite store, system clock,
// OS-seeded id generator) and hands them to use cases, the HTTP API and the CLI commands.
#pragma once

#include <memory>
#include <string>

#include "accrue/app/services.h"
#include "accrue/cli/config.h"
#include "accrue/storage/sqlite/sqlite_store.h"

namespace accrue::cli {

class Runtime {
 public:
  // Opens (creating the data directory and database if needed) and migrates.
  static Result<std::unique_ptr<Runtime>> Open(const Config& config);

  Services services() { return Services{*store_, clock_, ids_}; }
  SqliteStore& store() { return *store_; }
  const Config& config() const { return config_; }

  // The tenant a CLI command acts for: `tenant_flag` if given, else the only tenant there is.
  Result<Actor> ResolveActor(const std::optional<std::string>& tenant_flag);

 private:
  explicit Runtime(Config config) : config_(std::move(config)) {}
  Config config_;
  SystemClock clock_;
  UuidV7Generator ids_;
  std::unique_ptr<SqliteStore> store_;
};

// Creates the directory (and parents) if missing. A clear error if it cannot.
Status EnsureDirectory(const std::string& path);

}  // namespace accrue::cli
