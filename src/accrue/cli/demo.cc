#include "accrue/cli/demo.h"

#include <iostream>

#include "accrue/app/billing_run.h"
#include "accrue/app/customers.h"
#include "accrue/app/invoices.h"
#include "accrue/app/plans.h"
#include "accrue/app/seller_profile.h"
#include "accrue/app/subscriptions.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/cli/serve.h"
#include "accrue/time/instant.h"

namespace accrue::cli {
namespace {

struct DemoCustomer {
  const char* name;
  const char* email;
  const char* country;
  const char* currency;
  const char* time_zone;
  const char* locale;
  const char* plan_code;
  const char* start_date;  // anniversary anchors that exercise the month-end rule
};

constexpr DemoCustomer kCustomers[] = {
    {"Müller Maschinenbau GmbH", "billing@mueller.example", "DE", "EUR", "Europe/Berlin", "de-DE",
     "pro-eur-monthly", "2026-01-31"},
    {"Acme Rockets Inc.", "ap@acme.example", "US", "USD", "America/New_York", "en-US",
     "team-usd-monthly", "2026-03-15"},
    {"株式会社さくら", "keiri@sakura.example", "JP", "JPY", "Asia/Tokyo", "ja-JP",
     "enterprise-jpy-yearly", "2025-02-28"},
    {"Gulf Trading Co.", "finance@gulf.example", "KW", "KWD", "Asia/Kuwait", "ar-KW",
     "basic-kwd-monthly", "2026-06-30"},
};

struct DemoPlan {
  const char* code;
  const char* name;
  const char* currency;
  const char* amount;
  const char* interval;
};

constexpr DemoPlan kPlans[] = {
    {"pro-eur-monthly", "Pro (EUR, monthly)", "EUR", "49.00", "month"},
    {"team-usd-monthly", "Team (USD, monthly)", "USD", "99.50", "month"},
    {"enterprise-jpy-yearly", "Enterprise (JPY, yearly)", "JPY", "1200000", "year"},
    {"basic-kwd-monthly", "Basic (KWD, monthly)", "KWD", "12.750", "month"},
};

Status SeedCatalog(const Services& services, const Actor& actor) {
  return services.store.Write([&](StoreTx& tx) -> Status {
    std::vector<Plan> plans;
    for (const DemoPlan& p : kPlans) {
      PlanFields f;
      f.code = p.code;
      f.name = p.name;
      f.currency = p.currency;
      f.amount = p.amount;
      f.interval = p.interval;
      ASSIGN_OR_RETURN(Plan plan, CreatePlan(tx, services, actor, f));
      plans.push_back(std::move(plan));
    }
    for (const DemoCustomer& c : kCustomers) {
      CustomerFields f;
      f.name = c.name;
      f.email = c.email;
      f.country = c.country;
      f.currency = c.currency;
      f.time_zone = c.time_zone;
      f.locale = c.locale;
      ASSIGN_OR_RETURN(Customer customer, CreateCustomer(tx, services, actor, f));
      SubscriptionFields s;
      s.customer = customer.id;
      for (const Plan& plan : plans) {
        if (plan.code == c.plan_code) s.plan = plan.id;
      }
      ASSIGN_OR_RETURN(s.start_date, ParseDate(c.start_date));
      s.tags = Tags{"demo"};
      RETURN_IF_ERROR(CreateSubscription(tx, services, actor, s).status());
    }
    return OkStatus();
  });
}

}  // namespace

Result<DemoSeed> SeedDemo(const Services& services, absl::Time billing_at) {
  TenantSettings settings;
  settings.time_zone = "Europe/Berlin";
  ASSIGN_OR_RETURN(CreatedTenant tenant, CreateTenant(services, "Accrue Demo GmbH", settings));
  Actor actor{tenant.tenant.id, "demo"};
  RETURN_IF_ERROR(SeedCatalog(services, actor));
  // The seller block of the documents: no VAT id, so the e-invoices state "not subject to VAT"
  // (see docs/einvoice.md) and every endpoint has something to show.
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    return UpdateSellerProfile(tx, services, actor,
                               {{"legal_registration_id", "HRB 123456 B"},
                                {"address.line1", "Friedrichstraße 100"},
                                {"address.city", "Berlin"},
                                {"address.postal_code", "10117"},
                                {"address.country", "DE"},
                                {"email", "billing@accrue-demo.example"},
                                {"iban", "DE89370400440532013000"},
                                {"bic", "COBADEFFXXX"},
                                {"footer", "Accrue Demo GmbH · Amtsgericht Berlin HRB 123456 B"}})
        .status();
  }));
  BillingRunOptions options;
  options.billing_at = billing_at;
  ASSIGN_OR_RETURN(BillingRun run, RunBilling(services, actor, options));
  DemoSeed seed{tenant.admin_key.secret, tenant.tenant.id, run, std::nullopt};
  RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(Page<Invoice> page,
                     ListInvoices(tx, actor, InvoiceFilter{}, PageRequest{1, {}}));
    if (!page.items.empty()) seed.newest_invoice = page.items[0].id;
    return OkStatus();
  }));
  return seed;
}

void RegisterDemo(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand(
      "demo", "Seed a demo tenant in the data directory, bill it, and serve the API");
  cmd->add_option("--port", g.config.port, "Listen port (default 8080)");
  cmd->callback([&selected] {
    selected = [](const Config& config) {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<DemoSeed> seed = SeedDemo((*rt)->services(), absl::Now());
      if (!seed.ok()) return ReportError(seed.status());
      std::cout << fmt::format(
          "Demo tenant {} created in {}.\nBilling run: {} invoices created and finalized for {} "
          "subscriptions.\n",
          seed->tenant.ToString(), config.data_dir, seed->run.invoices_created,
          seed->run.subscriptions_processed);
      const std::string key = seed->api_key;
      const std::string pdf_id =
          seed->newest_invoice.has_value() ? seed->newest_invoice->ToString() : "<invoice id>";
      return ServeUntilSignal(**rt, [key, pdf_id, &config](int port) {
        std::string url = fmt::format("http://{}:{}", config.host, port);
        std::cout
            << fmt::format(
                   "\nAccrue is running at {}\nAPI key: {}\n\nTry:\n"
                   "  curl -s -H 'Authorization: Bearer {}' '{}/v1/invoices?limit=5'\n"
                   "  curl -s -H 'Authorization: Bearer {}' '{}/v1/invoices?status=open&tag=demo'\n"
                   "  curl -s -H 'Authorization: Bearer {}' '{}/v1/customers'\n"
                   "  curl -s -H 'Authorization: Bearer {}' -o invoice.pdf "
                   "'{}/v1/invoices/{}/pdf'\n\n"
                   "CLI: build/release/bin/accrue invoices list --data {}\n"
                   "     build/release/bin/accrue verify --data {}\n"
                   "Press Ctrl-C to stop.\n",
                   url, key, key, url, key, url, key, url, key, url, pdf_id, config.data_dir,
                   config.data_dir)
            << std::flush;
      });
    };
  });
}

}  // namespace accrue::cli
