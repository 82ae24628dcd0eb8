// The `accrue` command line: every subcommand, registered on one CLI11 app. Commands act on the
// data directory directly (no server needed) through the same use cases as the HTTP API, so the
// CLI and the API can never disagree about a rule. `--json` prints exactly what the API returns.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "accrue/cli/config.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {

struct GlobalOptions {
  ConfigFlags config;
  std::optional<std::string> tenant;
  bool json = false;
};

// A subcommand's work, run after parsing. Returns the process exit code.
using Command = std::function<int(const Config&)>;

void RegisterCommands(CLI::App& app, GlobalOptions& globals, Command& selected);

// Shared by commands: print an error (stderr) and return the exit code for it.
int ReportError(const Status& status);

// Opens the runtime and resolves the tenant (--tenant, or the only one), then runs `fn`; an error
// from any of them is reported and becomes the exit code, success is 0.
int WithActor(const Config& config, const GlobalOptions& g,
              const std::function<Status(Runtime&, const Actor&)>& fn);

// A command-line id argument; a malformed one is an error naming `what`.
template <typename Id>
Result<Id> ParseArgId(const std::string& text, std::string_view what) {
  Result<Id> id = Id::Parse(text);
  if (!id.ok()) return WithParamPrefix(id.status(), what);
  return id;
}

}  // namespace accrue::cli
