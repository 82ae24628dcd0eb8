#include "accrue/cli/seed.h"

#include <iostream>

#include "accrue/app/customers.h"
#include "accrue/app/plans.h"
#include "accrue/app/subscriptions.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue::cli {
namespace {

// Four currencies and zones in rotation, like the demo, so seeded data exercises them all.
struct Flavor {
  const char* currency;
  const char* time_zone;
  const char* amount;
};
constexpr Flavor kFlavors[] = {
    {"EUR", "Europe/Berlin", "49.00"},
    {"USD", "America/New_York", "99.50"},
    {"JPY", "Asia/Tokyo", "12000"},
    {"KWD", "Asia/Kuwait", "12.750"},
};
constexpr int64_t kSeedSubscriptionsMax = 10'000'000;

}  // namespace

Status SeedSubscriptions(const Services& services, const Actor& actor, const SeedOptions& options) {
  if (options.subscriptions < 1 || options.subscriptions > kSeedSubscriptionsMax) {
    return InvalidArgument("subscriptions", "parameter.out_of_range",
                           fmt::format("--subscriptions is from 1 to {}", kSeedSubscriptionsMax));
  }
  Result<absl::CivilDay> start = ParseDate(options.start_date);
  if (!start.ok()) return WithParamPrefix(start.status(), "start_date");
  std::vector<PlanId> plans;
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    for (const Flavor& f : kFlavors) {
      PlanFields p;
      p.code = fmt::format("seed-{}-{}", f.currency, services.ids.Next(services.clock.Now()).ToString().substr(24));
      p.name = fmt::format("Seed plan ({})", f.currency);
      p.currency = f.currency;
      p.amount = f.amount;
      ASSIGN_OR_RETURN(Plan plan, CreatePlan(tx, services, actor, p));
      plans.push_back(plan.id);
    }
    return OkStatus();
  }));
  int64_t made = 0;
  while (made < options.subscriptions) {
    const int64_t batch_end = std::min(options.subscriptions, made + options.per_transaction);
    RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
      for (int64_t i = made; i < batch_end; ++i) {
        const size_t k = static_cast<size_t>(i) % std::size(kFlavors);
        CustomerFields c;
        c.name = fmt::format("Customer {}", i + 1);
        c.currency = kFlavors[k].currency;
        c.time_zone = kFlavors[k].time_zone;
        ASSIGN_OR_RETURN(Customer customer, CreateCustomer(tx, services, actor, c));
        SubscriptionFields s;
        s.customer = customer.id;
        s.plan = plans[k];
        // Spread anchors over the month, month ends included.
        s.start_date = *start + (i % 28);
        RETURN_IF_ERROR(CreateSubscription(tx, services, actor, s).status());
      }
      return OkStatus();
    }));
    made = batch_end;
  }
  return OkStatus();
}

void RegisterSeed(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand(
      "seed", "Generate synthetic customers and subscriptions (for benchmarks and tests)");
  auto options = std::make_shared<SeedOptions>();
  cmd->add_option("--subscriptions", options->subscriptions, "How many (one customer each)");
  cmd->add_option("--start-date", options->start_date, "First anchor date (YYYY-MM-DD)");
  cmd->callback([&g, &selected, options] {
    selected = [&g, options](const Config& config) {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<Actor> actor = (*rt)->ResolveActor(g.tenant);
      if (!actor.ok()) return ReportError(actor.status());
      Status s = SeedSubscriptions((*rt)->services(), *actor, *options);
      if (!s.ok()) return ReportError(s);
      std::cout << fmt::format("seeded {} subscriptions\n", options->subscriptions);
      return 0;
    };
  });
}

}  // namespace accrue::cli
