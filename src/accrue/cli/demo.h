// `accrue demo`: a fresh tenant with customers in four currencies and time zones, plans and
// subscriptions, one billing run with finalization, then the server in the foreground with the
// URL, the API key and curl commands to try.
#pragma once

#include <optional>

#include "accrue/cli/commands.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {

void RegisterDemo(CLI::App& app, GlobalOptions& globals, Command& selected);

struct DemoSeed {
  std::string api_key;
  TenantId tenant;
  BillingRun run;
  std::optional<InvoiceId> newest_invoice;  // for the PDF example
};
// Creates the demo tenant and data and bills it at `billing_at`. Used by the command and tests.
Result<DemoSeed> SeedDemo(const Services& services, absl::Time billing_at);

}  // namespace accrue::cli
