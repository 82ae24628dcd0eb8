// The `accrue` binary: parses the command line, resolves configuration and runs one command.
#include <cstdlib>
#include <iostream>

#include "accrue/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Accrue: billing and invoicing engine", "accrue"};
  app.require_subcommand(1);
  accrue::cli::GlobalOptions globals;
  accrue::cli::Command selected;
  accrue::cli::RegisterCommands(app, globals, selected);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto config = accrue::cli::LoadConfig(globals.config, [](const char* n) { return std::getenv(n); });
  if (!config.ok()) return accrue::cli::ReportError(config.status());
  return selected(*config);
}
