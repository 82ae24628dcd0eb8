// `accrue seed`: synthetic customers, plans and subscriptions for benchmarks and crash tests.
// Writes through the same use cases as the API, many per transaction, so a 100,000-subscription
// data set takes seconds, not the minutes one request per customer would.
#pragma once

#include "accrue/cli/commands.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {

struct SeedOptions {
  int64_t subscriptions = 1000;
  std::string start_date = "2026-01-01";
  int per_transaction = 1000;
};

void RegisterSeed(CLI::App& app, GlobalOptions& globals, Command& selected);
Status SeedSubscriptions(const Services& services, const Actor& actor, const SeedOptions& options);

}  // namespace accrue::cli
