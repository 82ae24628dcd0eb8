// The `accrue` command line: every subcommand, registered on one CLI11 app. Commands act on the
// data directory directly (no server needed) through the same use cases as the HTTP API, so the
// CLI and the API can never disagree about a rule. `--json` prints exactly what the API returns.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

#include "accrue/cli/config.h"

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

}  // namespace accrue::cli
