// The issued documents on the command line:
//   accrue verify        recompute the tamper-evident chain of every invoice and credit note;
//                        exit 0 when intact, 1 naming the first document that changed
//   accrue invoices render ID --format pdf|ubl|cii [--profile peppol] [--locale de-DE] --out F
//   accrue credit-notes render ID ...   (the same for a credit note)
#pragma once

#include "accrue/cli/commands.h"

namespace accrue::cli {

void RegisterDocumentCommands(CLI::App& app, GlobalOptions& globals, Command& selected);

}  // namespace accrue::cli
