#include "accrue/cli/commands.h"

#include <unistd.h>

#include <iostream>

#include "accrue/api/json/json_writer.h"
#include "accrue/api/v1/render.h"
#include "accrue/app/billing_run.h"
#include "accrue/app/customers.h"
#include "accrue/app/invoices.h"
#include "accrue/app/plans.h"
#include "accrue/app/subscriptions.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/cli/demo.h"
#include "accrue/cli/document_commands.h"
#include "accrue/cli/import.h"
#include "accrue/cli/ledger_commands.h"
#include "accrue/cli/runtime.h"
#include "accrue/cli/seed.h"
#include "accrue/cli/serve.h"
#include "accrue/money/money.h"
#include "accrue/storage/sqlite/sqlite_store.h"
#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"

namespace accrue::cli {
namespace {

constexpr int kExitError = 1;

std::string Amount(int64_t minor, Currency c) { return Money::FromMinor(minor, c).ToString(); }

void PrintInvoiceTable(const std::vector<Invoice>& invoices) {
  std::cout << fmt::format("{:<18} {:<15} {:<24} {:>14} {:<4} {:<11} {}\n", "NUMBER", "STATUS",
                           "CUSTOMER", "TOTAL", "CUR", "DUE", "ID");
  for (const Invoice& inv : invoices) {
    std::cout << fmt::format("{:<18} {:<15} {:<24.24} {:>14} {:<4} {:<11} {}\n",
                             inv.number.value_or("(draft)"), InvoiceStatusName(inv.status),
                             inv.buyer.name, Amount(inv.total_minor, inv.currency),
                             inv.currency.code(),
                             inv.due_date ? FormatDate(*inv.due_date) : std::string("-"),
                             inv.id.ToString());
  }
}

void PrintInvoice(const Invoice& inv, bool json) {
  if (json) {
    std::cout << api::RenderOne(inv, &api::WriteInvoice) << "\n";
    return;
  }
  std::cout << fmt::format("Invoice {}  [{}]\n", inv.number.value_or("(draft)"),
                           InvoiceStatusName(inv.status));
  std::cout << fmt::format("  id          {}\n  customer    {} ({})\n", inv.id.ToString(),
                           inv.buyer.name, inv.customer_id.ToString());
  if (inv.issue_date) {
    std::cout << fmt::format("  issued      {}   due {}\n", FormatDate(*inv.issue_date),
                             FormatDate(*inv.due_date));
  }
  for (const InvoiceLine& line : inv.lines) {
    std::cout << fmt::format("  {:<56} {:>6} x {:>12} = {:>14}\n", line.description,
                             line.quantity.ToString(), line.unit_price.ToString(),
                             Amount(line.amount_minor, inv.currency));
  }
  std::cout << fmt::format("  total {} {}   paid {}   due {}\n", Amount(inv.total_minor, inv.currency),
                           inv.currency.code(), Amount(inv.amount_paid_minor, inv.currency),
                           Amount(inv.amount_due_minor, inv.currency));
}

void PrintRun(const BillingRun& run, bool json) {
  if (json) {
    api::JsonWriter w;
    api::WriteBillingRun(w, run, nullptr);
    std::cout << w.Take() << "\n";
    return;
  }
  std::cout << fmt::format(
      "billing run {} {}: {} subscriptions, {} invoices created, {} finalized, {} periods already "
      "invoiced, {} failures\n",
      run.id.ToString(), BillingRunStatusName(run.status), run.subscriptions_processed,
      run.invoices_created, run.invoices_finalized, run.periods_already_invoiced, run.failures);
}

void RegisterInit(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand("init", "Create a tenant and print its admin API key (once)");
  auto name = std::make_shared<std::string>("My Company");
  auto settings = std::make_shared<TenantSettings>();
  cmd->add_option("--name", *name, "Tenant (selling company) name");
  cmd->add_option("--time-zone", settings->time_zone, "Tenant time zone (IANA)");
  cmd->add_option("--number-format", settings->invoice_number_format,
                  "Invoice number format, e.g. INV-{YYYY}-{SEQ:6}");
  cmd->add_option("--net-terms", settings->default_net_terms_days, "Default net terms in days");
  cmd->callback([&g, &selected, name, settings] {
    selected = [&g, name, settings](const Config& config) {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<CreatedTenant> created = CreateTenant((*rt)->services(), *name, *settings);
      if (!created.ok()) return ReportError(created.status());
      if (g.json) {
        api::JsonWriter w;
        w.BeginObject();
        w.Field("tenant", created->tenant.id.ToString());
        w.Field("name", created->tenant.name);
        w.Field("api_key", created->admin_key.secret);
        w.Field("data_dir", config.data_dir);
        w.EndObject();
        std::cout << w.Take() << "\n";
      } else {
        std::cout << fmt::format(
            "Created tenant '{}' ({}) in {}\nAdmin API key (shown once, store it now):\n  {}\n",
            created->tenant.name, created->tenant.id.ToString(), config.data_dir,
            created->admin_key.secret);
      }
      return 0;
    };
  });
}

void RegisterMigrate(CLI::App& app, GlobalOptions&, Command& selected) {
  auto* cmd = app.add_subcommand("migrate", "Create or upgrade the database schema");
  cmd->callback([&selected] {
    selected = [](const Config& config) {
      Status dir = EnsureDirectory(config.data_dir);
      if (!dir.ok()) return ReportError(dir);
      sqlite::OpenOptions options;
      options.path = SqliteDatabasePath(config.data_dir);
      Result<int> version = SqliteStore::Migrate(options);
      if (!version.ok()) return ReportError(version.status());
      std::cout << fmt::format("schema version {}\n", *version);
      return 0;
    };
  });
}

void RegisterBill(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand("bill", "Invoice every subscription period started by --at");
  auto at = std::make_shared<std::string>();
  auto no_finalize = std::make_shared<bool>(false);
  auto batch = std::make_shared<int>(kBillingBatchSizeDefault);
  cmd->add_option("--at", *at, "Instant (RFC 3339) or date (UTC midnight)")->required();
  cmd->add_flag("--no-finalize", *no_finalize, "Leave the invoices as drafts");
  cmd->add_option("--batch-size", *batch, "Invoices per transaction");
  cmd->callback([&g, &selected, at, no_finalize, batch] {
    selected = [&g, at, no_finalize, batch](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        Result<absl::Time> t = ParseInstantOrDate(*at, absl::UTCTimeZone());
        if (!t.ok()) return WithParamPrefix(t.status(), "--at");
        BillingRunOptions options;
        options.billing_at = *t;
        options.finalize = !*no_finalize;
        options.batch_size = *batch;
        const bool tty = isatty(STDERR_FILENO) != 0 && !g.json;
        const absl::Time started = absl::Now();
        if (tty) {
          options.on_progress = [started](const BillingRun& run) {
            double secs = absl::ToDoubleSeconds(absl::Now() - started);
            std::cerr << fmt::format("\r{} subscriptions, {} invoices, {:.0f} invoices/s   ",
                                     run.subscriptions_processed, run.invoices_created,
                                     secs > 0 ? static_cast<double>(run.invoices_created) / secs : 0.0);
          };
        }
        ASSIGN_OR_RETURN(BillingRun run, RunBilling(rt.services(), actor, options));
        if (tty) std::cerr << "\n";
        PrintRun(run, g.json);
        return OkStatus();
      });
    };
  });
}

void RegisterInvoices(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* inv = app.add_subcommand("invoices", "List, show and move invoices through their lifecycle");
  inv->require_subcommand(1);

  auto* list = inv->add_subcommand("list", "List invoices, newest first");
  auto status = std::make_shared<std::string>();
  auto customer = std::make_shared<std::string>();
  auto tag = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(20);
  list->add_option("--status", *status, "Only this status");
  list->add_option("--customer", *customer, "Only this customer's");
  list->add_option("--tag", *tag, "Only invoices with this tag");
  list->add_option("--limit", *limit, "At most this many (1-100)");
  list->callback([&g, &selected, status, customer, tag, limit] {
    selected = [&g, status, customer, tag, limit](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        InvoiceFilter filter;
        if (!status->empty()) {
          ASSIGN_OR_RETURN(filter.status, ParseInvoiceStatus(*status));
        }
        if (!customer->empty()) {
          ASSIGN_OR_RETURN(filter.customer, ParseArgId<CustomerId>(*customer, "customer"));
        }
        if (!tag->empty()) filter.tag = *tag;
        if (*limit < 1 || *limit > kPageLimitMax) {
          return InvalidArgument("limit", "parameter.out_of_range", "--limit is from 1 to 100");
        }
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(Page<Invoice> page, ListInvoices(tx, actor, filter, PageRequest{*limit, {}}));
          if (g.json) {
            std::cout << api::RenderList(page.items, page.has_more, &api::WriteInvoice) << "\n";
          } else {
            PrintInvoiceTable(page.items);
          }
          return OkStatus();
        });
      });
    };
  });

  auto* show = inv->add_subcommand("show", "Show one invoice");
  auto show_id = std::make_shared<std::string>();
  show->add_option("id", *show_id, "Invoice id")->required();
  show->callback([&g, &selected, show_id] {
    selected = [&g, show_id](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        ASSIGN_OR_RETURN(InvoiceId id, ParseArgId<InvoiceId>(*show_id, "id"));
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(Invoice invoice, GetInvoice(tx, actor, id));
          PrintInvoice(invoice, g.json);
          return OkStatus();
        });
      });
    };
  });

  struct Verb {
    const char* name;
    const char* help;
    bool takes_reason;
    std::function<Result<Invoice>(StoreTx&, const Services&, const Actor&, InvoiceId, std::string)> run;
  };
  static const Verb kVerbs[] = {
      {"finalize", "Finalize a draft: assign its number and post it", false,
       [](StoreTx& tx, const Services& s, const Actor& a, InvoiceId id, std::string) {
         return FinalizeInvoice(tx, s, a, id);
       }},
      {"void", "Void an invoice that has no payment", true,
       [](StoreTx& tx, const Services& s, const Actor& a, InvoiceId id, std::string r) {
         return VoidInvoice(tx, s, a, id, std::move(r));
       }},
      {"mark-sent", "Record that the invoice was delivered", false,
       [](StoreTx& tx, const Services& s, const Actor& a, InvoiceId id, std::string) {
         return MarkInvoiceSent(tx, s, a, id);
       }},
      {"mark-uncollectible", "Write the invoice off as uncollectible", true,
       [](StoreTx& tx, const Services& s, const Actor& a, InvoiceId id, std::string r) {
         return MarkInvoiceUncollectible(tx, s, a, id, std::move(r));
       }},
      {"archive", "Archive a settled invoice", false,
       [](StoreTx& tx, const Services& s, const Actor& a, InvoiceId id, std::string) {
         return ArchiveInvoice(tx, s, a, id);
       }},
  };
  for (const Verb& verb : kVerbs) {
    auto* cmd = inv->add_subcommand(verb.name, verb.help);
    auto id_text = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    cmd->add_option("id", *id_text, "Invoice id")->required();
    if (verb.takes_reason) cmd->add_option("--reason", *reason, "Why (kept in the history)");
    cmd->callback([&g, &selected, &verb, id_text, reason] {
      selected = [&g, &verb, id_text, reason](const Config& config) {
        return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
          ASSIGN_OR_RETURN(InvoiceId id, ParseArgId<InvoiceId>(*id_text, "id"));
          Services services = rt.services();
          Invoice result;
          RETURN_IF_ERROR(rt.store().Write([&](StoreTx& tx) -> Status {
            ASSIGN_OR_RETURN(result, verb.run(tx, services, actor, id, *reason));
            return OkStatus();
          }));
          PrintInvoice(result, g.json);
          return OkStatus();
        });
      };
    });
  }
}

void RegisterCustomers(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cus = app.add_subcommand("customers", "Create, list and show customers");
  cus->require_subcommand(1);
  auto* list = cus->add_subcommand("list", "List customers, newest first");
  auto limit = std::make_shared<int>(20);
  list->add_option("--limit", *limit, "At most this many (1-100)");
  list->callback([&g, &selected, limit] {
    selected = [&g, limit](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        if (*limit < 1 || *limit > kPageLimitMax) {
          return InvalidArgument("limit", "parameter.out_of_range", "--limit is from 1 to 100");
        }
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(Page<Customer> page, ListCustomers(tx, actor, PageRequest{*limit, {}}));
          if (g.json) {
            std::cout << api::RenderList(page.items, page.has_more, &api::WriteCustomer) << "\n";
            return OkStatus();
          }
          std::cout << fmt::format("{:<32} {:<4} {:<20} {}\n", "NAME", "CUR", "TIME ZONE", "ID");
          for (const Customer& c : page.items) {
            std::cout << fmt::format("{:<32.32} {:<4} {:<20} {}\n", c.name, c.currency.code(),
                                     c.time_zone, c.id.ToString());
          }
          return OkStatus();
        });
      });
    };
  });
  auto* show = cus->add_subcommand("show", "Show one customer");
  auto show_id = std::make_shared<std::string>();
  show->add_option("id", *show_id, "Customer id")->required();
  show->callback([&g, &selected, show_id] {
    selected = [&g, show_id](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        ASSIGN_OR_RETURN(CustomerId id, ParseArgId<CustomerId>(*show_id, "id"));
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(Customer c, GetCustomer(tx, actor, id));
          std::cout << api::RenderOne(c, &api::WriteCustomer) << "\n";
          return OkStatus();
        });
      });
    };
  });
  auto* create = cus->add_subcommand("create", "Create a customer");
  auto fields = std::make_shared<CustomerFields>();
  auto name = std::make_shared<std::string>();
  auto currency = std::make_shared<std::string>();
  auto email = std::make_shared<std::string>();
  auto tz = std::make_shared<std::string>();
  auto country = std::make_shared<std::string>();
  auto locale = std::make_shared<std::string>();
  create->add_option("--name", *name, "Name")->required();
  create->add_option("--currency", *currency, "ISO 4217 currency")->required();
  create->add_option("--email", *email, "E-mail address");
  create->add_option("--time-zone", *tz, "IANA time zone");
  create->add_option("--country", *country, "ISO 3166-1 alpha-2 country");
  create->add_option("--locale", *locale, "BCP 47 locale");
  create->callback([&g, &selected, name, currency, email, tz, country, locale] {
    selected = [&g, name, currency, email, tz, country, locale](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        CustomerFields f;
        f.name = *name;
        f.currency = *currency;
        if (!email->empty()) f.email = *email;
        if (!tz->empty()) f.time_zone = *tz;
        if (!country->empty()) f.country = *country;
        if (!locale->empty()) f.locale = *locale;
        Services services = rt.services();
        Customer c;
        RETURN_IF_ERROR(rt.store().Write([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(c, CreateCustomer(tx, services, actor, f));
          return OkStatus();
        }));
        std::cout << (g.json ? api::RenderOne(c, &api::WriteCustomer) : c.id.ToString()) << "\n";
        return OkStatus();
      });
    };
  });
}

}  // namespace

int WithActor(const Config& config, const GlobalOptions& g,
              const std::function<Status(Runtime&, const Actor&)>& fn) {
  Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
  if (!rt.ok()) return ReportError(rt.status());
  Result<Actor> actor = (*rt)->ResolveActor(g.tenant);
  if (!actor.ok()) return ReportError(actor.status());
  Status s = fn(**rt, *actor);
  return s.ok() ? 0 : ReportError(s);
}

int ReportError(const Status& status) {
  std::string param = ErrorParam(status);
  std::cerr << fmt::format("accrue: {}{} [{}]\n", std::string_view(status.message().data(), status.message().size()),
                           param.empty() ? "" : fmt::format(" (field: {})", param),
                           ErrorReason(status));
  return kExitError;
}

void RegisterCommands(CLI::App& app, GlobalOptions& g, Command& selected) {
  app.fallthrough(true);
  app.add_option("--config", g.config.config_file, "TOML configuration file");
  app.add_option("--data", g.config.data_dir, "Data directory (default ./accrue-data)");
  app.add_option("--tenant", g.tenant, "Tenant id (default: the only tenant)");
  app.add_option("--log-level", g.config.log_level, "trace|debug|info|warn|error|off");
  app.add_flag("--json", g.json, "Print JSON, as the API returns it");
  RegisterInit(app, g, selected);
  RegisterMigrate(app, g, selected);
  RegisterBill(app, g, selected);
  RegisterInvoices(app, g, selected);
  RegisterCustomers(app, g, selected);
  RegisterServe(app, g, selected);
  RegisterDemo(app, g, selected);
  RegisterSeed(app, g, selected);
  RegisterLedgerCommands(app, g, selected);
  RegisterDocumentCommands(app, g, selected);
  RegisterImport(app, g, selected);
}

}  // namespace accrue::cli
