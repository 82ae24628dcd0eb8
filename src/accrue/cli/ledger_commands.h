// The books on the command line, through the same use cases and renderers as the API:
//   accrue recognize --month 2026-03
//   accrue journal export --from 2026-03-01 --to 2026-03-31 [--format csv|json]
//   accrue journal show ID
//   accrue reports trial-balance|ar-aging|dso|deferred-revenue|recognized-revenue|mrr
//       [--as-of DATE] [--from MONTH --to MONTH] [--days N] [--reporting-currency]
//       [--format table|csv|json]
//   accrue rates import FILE            (ECB eurofxref XML or CSV)
//   accrue ledger accounts | verify | reporting-currency CODE
// Reports print an aligned table by default; --json (global) or --format json prints exactly
// the API's JSON, --format csv the API's CSV.
#pragma once

#include "accrue/cli/commands.h"

namespace accrue::cli {

void RegisterLedgerCommands(CLI::App& app, GlobalOptions& globals, Command& selected);

}  // namespace accrue::cli
