#include "accrue/cli/ledger_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "accrue/api/v1/ledger_routes.h"
#include "accrue/base/strings.h"
#include "accrue/cli/runtime.h"
#include "accrue/time/instant.h"

namespace accrue::cli {
namespace {

using api::ReportFormat;

// Splits CSV as written by the API renderers (RFC 4180) into rows of fields.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Prints CSV as columns: text left-aligned, amounts right-aligned.
void PrintTable(const std::string& csv) {
  std::vector<std::vector<std::string>> rows = ParseCsv(csv);
  std::vector<size_t> width;
  std::vector<bool> numeric;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (width.size() <= i) {
        width.push_back(0);
        numeric.push_back(true);
      }
      width[i] = std::max(width[i], rows[r][i].size());
      if (r > 0 && !rows[r][i].empty() &&
          rows[r][i].find_first_not_of("-0123456789.") != std::string::npos) {
        numeric[i] = false;
      }
    }
  }
  for (const std::vector<std::string>& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string& cell = row[i];
      const std::string pad(width[i] - cell.size(), ' ');
      line += numeric[i] ? pad + cell : cell + pad;
      if (i + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

struct ReportFlags {
  std::string format = "table";
  std::string as_of;
  std::string from;
  std::string to;
  int days = kDsoWindowDaysDefault;
  bool reporting_currency = false;
};

Result<std::optional<absl::CivilDay>> OptionalDay(const std::string& text, std::string_view flag) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  Result<absl::CivilDay> d = ParseDate(text);
  if (!d.ok()) return WithParamPrefix(d.status(), flag);
  return std::optional<absl::CivilDay>(*d);
}

Result<absl::CivilMonth> MonthFlag(const std::string& text, std::string_view flag) {
  Result<absl::CivilMonth> m = ledger::ParseMonth(text);
  if (!m.ok()) return WithParamPrefix(m.status(), flag);
  return *m;
}

void RegisterReports(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* reports = app.add_subcommand("reports", "Finance reports (trial balance, aging, MRR ...)");
  reports->require_subcommand(1);
  // Each report's flags live in a ReportFlags shared with its renderer.
  auto add = [&](const char* name, const char* help, std::initializer_list<const char*> flags,
                 std::function<Result<std::string>(StoreTx&, Runtime&, const Actor&, ReportFormat,
                                                   const ReportFlags&)>
                     fn) {
    auto* cmd = reports->add_subcommand(name, help);
    auto f = std::make_shared<ReportFlags>();
    cmd->add_option("--format", f->format, "table (default), csv or json");
    for (std::string_view flag : flags) {
      if (flag == "as_of") cmd->add_option("--as-of", f->as_of, "Day (YYYY-MM-DD); default today");
      if (flag == "months") {
        cmd->add_option("--from", f->from, "First month (YYYY-MM)")->required();
        cmd->add_option("--to", f->to, "Last month (YYYY-MM)")->required();
      }
      if (flag == "days") cmd->add_option("--days", f->days, "Trailing window in days");
      if (flag == "reporting") {
        cmd->add_flag("--reporting-currency", f->reporting_currency,
                      "Translate into the tenant's reporting currency");
      }
    }
    cmd->callback([&g, &selected, f, fn] {
      selected = [&g, f, fn](const Config& config) {
        return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
          const std::string format = g.json ? "json" : f->format;
          if (format != "table" && format != "csv" && format != "json") {
            return InvalidArgument("format", "parameter.invalid", "--format is table, csv or json");
          }
          const ReportFormat rf = format == "json" ? ReportFormat::kJson : ReportFormat::kCsv;
          std::string out;
          RETURN_IF_ERROR(rt.store().Read([&](StoreTx& tx) -> Status {
            ASSIGN_OR_RETURN(out, fn(tx, rt, actor, rf, *f));
            return OkStatus();
          }));
          if (format == "table") {
            PrintTable(out);
          } else {
            std::cout << out << (rf == ReportFormat::kJson ? "\n" : "");
          }
          return OkStatus();
        });
      };
    });
  };
  auto day = [](StoreTx& tx, Runtime& rt, const Actor& a,
                const ReportFlags& f) -> Result<absl::CivilDay> {
    ASSIGN_OR_RETURN(std::optional<absl::CivilDay> as_of, OptionalDay(f.as_of, "--as-of"));
    return ReportDay(tx, rt.services(), a, as_of);
  };
  add("trial-balance", "Trial balance on a day", {"as_of", "reporting"},
      [day](StoreTx& tx, Runtime& rt, const Actor& a, ReportFormat rf,
            const ReportFlags& f) -> Result<std::string> {
        ASSIGN_OR_RETURN(absl::CivilDay d, day(tx, rt, a, f));
        ASSIGN_OR_RETURN(ledger::TrialBalance tb,
                         TrialBalanceReport(tx, a, d, f.reporting_currency));
        return api::RenderTrialBalance(tb, rf);
      });
  add("ar-aging", "Open receivables per customer by days past due", {"as_of"},
      [day](StoreTx& tx, Runtime& rt, const Actor& a, ReportFormat rf,
            const ReportFlags& f) -> Result<std::string> {
        ASSIGN_OR_RETURN(absl::CivilDay d, day(tx, rt, a, f));
        ASSIGN_OR_RETURN(ledger::AgingReport r, ArAgingReport(tx, a, d));
        return api::RenderAging(r, rf);
      });
  add("dso", "Days sales outstanding", {"as_of", "days"},
      [day](StoreTx& tx, Runtime& rt, const Actor& a, ReportFormat rf,
            const ReportFlags& f) -> Result<std::string> {
        ASSIGN_OR_RETURN(absl::CivilDay d, day(tx, rt, a, f));
        ASSIGN_OR_RETURN(DsoReport r, DsoReportFor(tx, a, d, f.days));
        return api::RenderDso(r, rf);
      });
  add("deferred-revenue", "Deferred revenue still to recognize, by month", {},
      [](StoreTx& tx, Runtime&, const Actor& a, ReportFormat rf,
         const ReportFlags&) -> Result<std::string> {
        ASSIGN_OR_RETURN(DeferredRevenueReport r, DeferredRevenueWaterfall(tx, a));
        return api::RenderDeferredRevenue(r, rf);
      });
  add("recognized-revenue", "Revenue by month and plan", {"months"},
      [](StoreTx& tx, Runtime&, const Actor& a, ReportFormat rf,
         const ReportFlags& f) -> Result<std::string> {
        ASSIGN_OR_RETURN(absl::CivilMonth from, MonthFlag(f.from, "--from"));
        ASSIGN_OR_RETURN(absl::CivilMonth to, MonthFlag(f.to, "--to"));
        ASSIGN_OR_RETURN(std::vector<RevenueRow> rows, RecognizedRevenueReport(tx, a, from, to));
        return api::RenderRecognizedRevenue(from, to, rows, rf);
      });
  add("mrr", "MRR and ARR with new, expansion, contraction, churn, reactivation", {"months"},
      [](StoreTx& tx, Runtime&, const Actor& a, ReportFormat rf,
         const ReportFlags& f) -> Result<std::string> {
        ASSIGN_OR_RETURN(absl::CivilMonth from, MonthFlag(f.from, "--from"));
        ASSIGN_OR_RETURN(absl::CivilMonth to, MonthFlag(f.to, "--to"));
        ASSIGN_OR_RETURN(std::vector<ledger::MrrMonth> months, MrrReport(tx, a, from, to));
        return api::RenderMrr(months, rf);
      });
}

void RegisterRecognize(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand("recognize", "Recognize deferred revenue through a month");
  auto month = std::make_shared<std::string>();
  cmd->add_option("--month", *month, "Month (YYYY-MM)")->required();
  cmd->callback([&g, &selected, month] {
    selected = [&g, month](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        ASSIGN_OR_RETURN(absl::CivilMonth m, MonthFlag(*month, "--month"));
        Services services = rt.services();
        RecognitionRun run;
        RETURN_IF_ERROR(rt.store().Write([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(run, RunRecognition(tx, services, actor, m));
          return OkStatus();
        }));
        if (g.json) {
          std::cout << api::RenderRecognitionRun(run) << "\n";
          return OkStatus();
        }
        if (run.months.empty()) {
          std::cout << fmt::format("{} was already recognized; nothing new posted\n",
                                   ledger::FormatMonth(m));
        }
        for (const RecognizedMonth& done : run.months) {
          std::cout << fmt::format(
              "{}: {} schedule items, {}\n", ledger::FormatMonth(done.month), done.items,
              done.entry.has_value() ? fmt::format("journal entry #{}", done.entry->number)
                                     : std::string("nothing to recognize"));
        }
        return OkStatus();
      });
    };
  });
}

void RegisterJournal(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* journal = app.add_subcommand("journal", "Export and show journal entries");
  journal->require_subcommand(1);
  auto* exp = journal->add_subcommand("export", "All entries of a period, as CSV or JSON");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("csv");
  exp->add_option("--from", *from, "First day (YYYY-MM-DD)")->required();
  exp->add_option("--to", *to, "Last day (YYYY-MM-DD)")->required();
  exp->add_option("--format", *format, "csv (default) or json");
  exp->callback([&g, &selected, from, to, format] {
    selected = [&g, from, to, format](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        ASSIGN_OR_RETURN(ReportFormat rf, api::ParseReportFormat(g.json ? "json" : *format));
        JournalQuery q;
        ASSIGN_OR_RETURN(std::optional<absl::CivilDay> f, OptionalDay(*from, "--from"));
        ASSIGN_OR_RETURN(std::optional<absl::CivilDay> t, OptionalDay(*to, "--to"));
        q.from = *f;
        q.to = *t;
        q.limit = kJournalPageLimitMax;
        // Streams page by page, each page in its own read transaction, in journal order.
        bool first = true;
        if (rf == ReportFormat::kJson) std::cout << R"({"object":"list","data":[)";
        while (true) {
          Page<ledger::JournalEntry> page;
          RETURN_IF_ERROR(rt.store().Read([&](StoreTx& tx) -> Status {
            ASSIGN_OR_RETURN(page, ListJournalEntries(tx, actor, q));
            return OkStatus();
          }));
          if (rf == ReportFormat::kCsv) {
            std::cout << api::RenderJournal(page, rf, first);
          } else {
            for (const ledger::JournalEntry& e : page.items) {
              api::JsonWriter w;
              api::WriteJournalEntry(w, e);
              std::cout << (first ? "" : ",") << w.Take();
              first = false;
            }
          }
          first = false;
          if (!page.has_more || page.items.empty()) break;
          q.after = JournalCursor{page.items.back().effective_date, page.items.back().number};
        }
        if (rf == ReportFormat::kJson)
          std::cout << R"(],"has_more":false,"next_cursor":null})"
                    << "\n";
        return OkStatus();
      });
    };
  });
  auto* show = journal->add_subcommand("show", "One journal entry (JSON)");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "Entry id")->required();
  show->callback([&g, &selected, id] {
    selected = [&g, id](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        Result<ledger::JournalEntryId> entry_id = ledger::JournalEntryId::Parse(*id);
        if (!entry_id.ok()) return WithParamPrefix(entry_id.status(), "id");
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(ledger::JournalEntry e, GetJournalEntry(tx, actor, *entry_id));
          api::JsonWriter w;
          api::WriteJournalEntry(w, e);
          std::cout << w.Take() << "\n";
          return OkStatus();
        });
      });
    };
  });
}

void RegisterRates(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* rates = app.add_subcommand("rates", "Exchange reference rates");
  rates->require_subcommand(1);
  auto* imp = rates->add_subcommand("import", "Import ECB euro reference rates (XML or CSV file)");
  auto file = std::make_shared<std::string>();
  imp->add_option("file", *file, "eurofxref-daily.xml, eurofxref-hist.csv ...")->required();
  imp->callback([&g, &selected, file] {
    selected = [&g, file](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        std::ifstream in(*file, std::ios::binary);
        if (!in) {
          return InvalidArgument("file", "file.unreadable", fmt::format("cannot read {}", *file));
        }
        std::stringstream text;
        text << in.rdbuf();
        RatesImport result;
        RETURN_IF_ERROR(rt.store().Write([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(result, ImportReferenceRates(tx, actor, text.str()));
          return OkStatus();
        }));
        if (g.json) {
          std::cout << api::RenderRatesImport(result) << "\n";
        } else {
          std::cout << fmt::format("imported {} rates from {} to {}{}\n", result.rates,
                                   FormatDate(*result.first_day), FormatDate(*result.last_day),
                                   result.skipped_currencies.empty()
                                       ? std::string()
                                       : fmt::format(" (skipped {} currencies no longer in ISO "
                                                     "4217)",
                                                     result.skipped_currencies.size()));
        }
        return OkStatus();
      });
    };
  });
}

void RegisterLedger(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* ledger_cmd = app.add_subcommand("ledger", "Chart of accounts, checks and settings");
  ledger_cmd->require_subcommand(1);
  auto* accounts = ledger_cmd->add_subcommand("accounts", "The chart of accounts");
  accounts->callback([&g, &selected] {
    selected = [&g](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(std::vector<ledger::Account> list, ListLedgerAccounts(tx, actor));
          if (g.json) {
            std::cout << api::RenderAccounts(list, ReportFormat::kJson) << "\n";
          } else {
            PrintTable(api::RenderAccounts(list, ReportFormat::kCsv));
          }
          return OkStatus();
        });
      });
    };
  });
  auto* verify = ledger_cmd->add_subcommand(
      "verify", "Check that every entry balances and the balances match the journal lines");
  verify->callback([&g, &selected] {
    selected = [&g](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        RETURN_IF_ERROR(rt.store().Read(
            [&](StoreTx& tx) -> Status { return tx.ledger().VerifyBalances(actor.tenant); }));
        std::cout << "ledger ok: every entry balances and the balances match the journal\n";
        return OkStatus();
      });
    };
  });
  auto* currency =
      ledger_cmd->add_subcommand("reporting-currency", "Set the currency reports translate into");
  auto code = std::make_shared<std::string>();
  currency->add_option("code", *code, "ISO 4217 code, e.g. EUR")->required();
  currency->callback([&g, &selected, code] {
    selected = [&g, code](const Config& config) {
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        Result<Currency> c = Currency::Find(*code);
        if (!c.ok()) return WithParamPrefix(c.status(), "code");
        RETURN_IF_ERROR(rt.store().Write(
            [&](StoreTx& tx) -> Status { return SetReportingCurrency(tx, actor, *c).status(); }));
        std::cout << fmt::format("reporting currency is now {}\n", c->code());
        return OkStatus();
      });
    };
  });
}

}  // namespace

void RegisterLedgerCommands(CLI::App& app, GlobalOptions& g, Command& selected) {
  RegisterRecognize(app, g, selected);
  RegisterJournal(app, g, selected);
  RegisterReports(app, g, selected);
  RegisterRates(app, g, selected);
  RegisterLedger(app, g, selected);
}

}  // namespace accrue::cli
