// Ledger benchmarks at production scale, against the real SQLite store on disk:
//   - BM_TrialBalance       trial balance over a journal of >= 10,000,000 lines;
//   - BM_ArAging/0          AR aging when every invoice ever issued is still open (4.8M open
//                           invoices: nobody ever pays, the worst case while payments do not
//                           exist);
//   - BM_ArAging/1          AR aging with three months of invoices open (600,000);
//   - BM_RecognizeMonth     one month's recognition run over 1,000,000 schedule items;
//   - BM_PostFinalizations  what the ledger adds to a billing-run batch: PostFinalizedInvoices
//                           for 500 invoices in one write transaction (per-invoice cost).
//
// The journal data set (200,000 customers × 24 monthly invoices, ~10.1M journal lines) takes a
// few minutes to build, so it is built once into $ACCRUE_BENCH_LEDGER_DIR (default
// /tmp/accrue-ledger-bench) and reused; delete the directory to rebuild. The recognition and
// posting tenants are rebuilt on every start (recognition is not repeatable on the same months).
// Sizes: ACCRUE_BENCH_LEDGER_CUSTOMERS (200000), ACCRUE_BENCH_LEDGER_MONTHS (24),
// ACCRUE_BENCH_RECOGNITION_ITEMS (1000000).
//
//   build/release/bench/ledger_benchmark --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true       (one command line)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "accrue/app/ledger.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/storage/sqlite/sqlite_store.h"

namespace accrue {
namespace {

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kUsd = Currency::FromCodeOrDie("USD");

int64_t Env(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::atoll(v);
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::cerr << what << ": " << s << "\n";
    std::abort();
  }
}

struct World {
  std::unique_ptr<SqliteStore> store;
  ManualClock clock{absl::FromCivil(absl::CivilSecond(2024, 1, 1, 0, 0, 0), absl::UTCTimeZone())};
  UuidV7Generator ids;  // OS-seeded: the data set is reused by later runs, ids must not repeat
  Actor journal;        // ~10M journal lines, every invoice open
  Actor recent;         // three months of invoices open
  Actor recognition;    // 1M schedule items per month
  Actor posting;        // for BM_PostFinalizations
  std::vector<CustomerId> posting_customers;

  Services services() { return Services{*store, clock, ids}; }
};

Actor NewTenant(World& w, const std::string& name) {
  Result<CreatedTenant> t = CreateTenant(w.services(), name, TenantSettings{});
  Check(t.status(), "tenant");
  return Actor{t->tenant.id, "bench"};
}

std::vector<CustomerId> NewCustomers(World& w, const Actor& a, int64_t n) {
  std::vector<CustomerId> out;
  for (int64_t done = 0; done < n;) {
    const int64_t end = std::min(n, done + 20000);
    Check(w.store->Write([&](StoreTx& tx) -> Status {
      for (int64_t i = done; i < end; ++i) {
        Customer c;
        c.id = w.services().NewId<CustomerId>();
        c.tenant_id = a.tenant;
        c.name = fmt::format("Customer {}", i);
        c.currency = i % 2 == 0 ? kEur : kUsd;
        c.time_zone = "UTC";
        c.locale = "en-US";
        c.created_at = c.updated_at = w.clock.Now();
        RETURN_IF_ERROR(tx.customers().Insert(c));
        out.push_back(c.id);
      }
      return OkStatus();
    }),
          "customers");
    done = end;
  }
  return out;
}

// A finalized one-line invoice for `month`, issued on its first day, due 30 days later; every
// tenth has a point-in-time setup line too (a third journal line).
Invoice MakeInvoice(World& w, const Actor& a, CustomerId customer, Currency currency,
                    absl::CivilMonth month, int64_t seq) {
  Invoice inv;
  inv.id = w.services().NewId<InvoiceId>();
  inv.tenant_id = a.tenant;
  inv.customer_id = customer;
  inv.currency = currency;
  inv.status = InvoiceStatus::kOpen;
  inv.number = fmt::format("INV-{}", seq);
  inv.sequence = seq;
  inv.buyer.name = "Customer";
  InvoiceLine fee;
  fee.id = w.services().NewId<InvoiceLineId>();
  fee.description = "Plan";
  fee.quantity = Decimal::FromInt(1);
  fee.unit_price = Decimal::FromMinor(4900, 2);
  fee.amount_minor = 4900;
  inv.lines.push_back(fee);
  if (seq % 10 == 0) {
    InvoiceLine setup = fee;
    setup.id = w.services().NewId<InvoiceLineId>();
    setup.description = "Setup";
    inv.lines.push_back(setup);
  }
  Check(ComputeTotals(inv), "totals");
  inv.issue_date = absl::CivilDay(month);
  inv.due_date = *inv.issue_date + 30;
  inv.created_at = inv.updated_at = absl::FromCivil(*inv.issue_date, absl::UTCTimeZone());
  inv.finalized_at = inv.created_at;
  return inv;
}

// Invoices for every customer and month, with their finalization entries (point-in-time lines
// straight to revenue, so no schedule rows: this data set is about the journal).
void Invoices(World& w, const Actor& a, const std::vector<CustomerId>& customers,
              absl::CivilMonth first, int64_t months) {
  int64_t seq = 0;
  for (int64_t k = 0; k < months; ++k) {
    const absl::CivilMonth month = first + k;
    for (size_t done = 0; done < customers.size();) {
      const size_t end = std::min(customers.size(), done + 5000);
      Check(w.store->Write([&](StoreTx& tx) -> Status {
        std::vector<ledger::JournalEntry> entries;
        for (size_t i = done; i < end; ++i) {
          Invoice inv = MakeInvoice(w, a, customers[i], i % 2 == 0 ? kEur : kUsd, month, ++seq);
          ASSIGN_OR_RETURN(bool inserted, tx.invoices().Insert(inv));
          if (!inserted) return InternalError("bench", "duplicate");
          ledger::InvoicePostingContext ctx{*inv.finalized_at, *inv.issue_date, absl::UTCTimeZone(),
                                            nullptr,           std::nullopt,    std::nullopt};
          ledger::InvoicePosting p = ledger::PostInvoiceFinalized(inv, ctx);
          entries.push_back(*std::move(p.entry));
        }
        return tx.ledger().Post(a.tenant, entries, {});
      }),
            "invoices");
      done = end;
    }
    std::cerr << "  " << ledger::FormatMonth(month) << " done\n";
  }
}

void BuildRecognition(World& w) {
  w.recognition = NewTenant(w, "recognition");
  const int64_t items = Env("ACCRUE_BENCH_RECOGNITION_ITEMS", 1'000'000);
  const int64_t months = 5;
  const absl::CivilMonth first(2024, 1);
  std::vector<ledger::ScheduleItem> batch;
  for (int64_t k = 0; k < months; ++k) {
    for (int64_t i = 0; i < items; ++i) {
      ledger::ScheduleItem s;
      s.invoice_id = InvoiceId(w.ids.Next(w.clock.Now()));
      s.line_id = InvoiceLineId(w.ids.Next(w.clock.Now()));
      s.month = first + k;
      s.account = fmt::format("4000-plan{}", i % 20);
      s.currency = i % 3 == 0 ? kUsd : kEur;
      s.amount_minor = 1000 + i % 5000;
      batch.push_back(std::move(s));
      if (batch.size() == 50000) {
        Check(w.store->Write(
                  [&](StoreTx& tx) { return tx.ledger().Post(w.recognition.tenant, {}, batch); }),
              "schedule");
        batch.clear();
      }
    }
  }
  if (!batch.empty()) {
    Check(w.store->Write(
              [&](StoreTx& tx) { return tx.ledger().Post(w.recognition.tenant, {}, batch); }),
          "schedule");
  }
}

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    const std::string dir = std::getenv("ACCRUE_BENCH_LEDGER_DIR") != nullptr
                                ? std::getenv("ACCRUE_BENCH_LEDGER_DIR")
                                : "/tmp/accrue-ledger-bench";
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/accrue.db";
    const bool fresh = !std::filesystem::exists(path);
    sqlite::OpenOptions options;
    options.path = path;
    options.synchronous_full = false;  // building; the measured reads do not care
    w->store = *SqliteStore::Open(options);
    if (fresh) {
      const int64_t customers = Env("ACCRUE_BENCH_LEDGER_CUSTOMERS", 200'000);
      const int64_t months = Env("ACCRUE_BENCH_LEDGER_MONTHS", 24);
      std::cerr << "building the journal data set in " << dir << " (once)\n";
      w->journal = NewTenant(*w, "journal");
      Invoices(*w, w->journal, NewCustomers(*w, w->journal, customers), absl::CivilMonth(2024, 1),
               months);
      w->recent = NewTenant(*w, "recent");
      Invoices(*w, w->recent, NewCustomers(*w, w->recent, customers),
               absl::CivilMonth(2024, 1) + (months - 3), 3);
    } else {
      Check(w->store->Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(std::vector<Tenant> tenants, tx.tenants().List(100));
        for (const Tenant& t : tenants) {
          if (t.name == "journal") w->journal = Actor{t.id, "bench"};
          if (t.name == "recent") w->recent = Actor{t.id, "bench"};
        }
        return OkStatus();
      }),
            "tenants");
    }
    std::cerr << "building the recognition tenant\n";
    BuildRecognition(*w);
    w->posting = NewTenant(*w, "posting");
    w->posting_customers = NewCustomers(*w, w->posting, 500);
    // Fold the write-ahead log into the database so that the measured reads see a steady state
    // (a multi-GB WAL after the build would make every page read consult its index).
    Check(w->store->database().writer_unlocked().Exec("PRAGMA wal_checkpoint(TRUNCATE)"),
          "checkpoint");
    int64_t lines = 0;
    Check(w->store->database().Read([&](sqlite::Connection& c) -> Status {
      ASSIGN_OR_RETURN(sqlite::Statement st,
                       c.PrepareUncached("SELECT COUNT(*) FROM journal_lines"));
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) lines = st.ColumnInt(0);
      return OkStatus();
    }),
          "count");
    std::cerr << "journal lines in the database: " << lines << "\n";
    return w;
  }();
  return *world;
}

void BM_TrialBalance(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    Check(w.store->Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(ledger::TrialBalance tb,
                       TrialBalanceReport(tx, w.journal, absl::CivilDay(2025, 12, 31), false));
      if (!tb.balanced) return InternalError("bench", "unbalanced");
      benchmark::DoNotOptimize(tb);
      return OkStatus();
    }),
          "trial balance");
  }
}
BENCHMARK(BM_TrialBalance)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ArAging(benchmark::State& state) {
  World& w = TheWorld();
  const Actor& a = state.range(0) == 0 ? w.journal : w.recent;
  size_t rows = 0;
  for (auto _ : state) {
    Check(w.store->Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(ledger::AgingReport r, ArAgingReport(tx, a, absl::CivilDay(2025, 12, 31)));
      rows = r.rows.size();
      benchmark::DoNotOptimize(r);
      return OkStatus();
    }),
          "aging");
  }
  state.counters["customer_rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ArAging)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RecognizeMonth(benchmark::State& state) {
  World& w = TheWorld();
  static absl::CivilMonth next(2024, 1);
  int64_t items = 0;
  for (auto _ : state) {
    Check(w.store->Write([&](StoreTx& tx) -> Status {
      w.clock.Set(absl::FromCivil(absl::CivilSecond(2026, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
      ASSIGN_OR_RETURN(RecognitionRun run, RunRecognition(tx, w.services(), w.recognition, next));
      items = run.months.empty() ? 0 : run.months.back().items;
      return OkStatus();
    }),
          "recognition");
    next += 1;
  }
  state.counters["schedule_items"] = static_cast<double>(items);
}
// One iteration per repetition: each recognizes the next month (5 are built).
BENCHMARK(BM_RecognizeMonth)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PostFinalizations(benchmark::State& state) {
  World& w = TheWorld();
  Result<Tenant> tenant = Tenant();
  Check(w.store->Read([&](StoreTx& tx) -> Status {
    tenant = GetTenant(tx, w.posting.tenant);
    return tenant.status();
  }),
        "tenant");
  int64_t seq = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Invoice> invoices;
    for (const CustomerId& c : w.posting_customers) {
      Invoice inv = MakeInvoice(w, w.posting, c, kEur, absl::CivilMonth(2024, 1), ++seq);
      InvoiceLine& line = inv.lines[0];
      line.period_start = absl::FromCivil(absl::CivilDay(2024, 1, 15), absl::UTCTimeZone());
      line.period_end = absl::FromCivil(absl::CivilDay(2024, 2, 15), absl::UTCTimeZone());
      invoices.push_back(std::move(inv));
    }
    std::vector<Invoice*> ptrs;
    for (Invoice& inv : invoices) ptrs.push_back(&inv);
    state.ResumeTiming();
    Check(w.store->Write([&](StoreTx& tx) {
      return PostFinalizedInvoices(tx, *tenant, absl::UTCTimeZone(), ptrs, w.clock.Now());
    }),
          "post");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.posting_customers.size()));
}
BENCHMARK(BM_PostFinalizations)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace accrue

BENCHMARK_MAIN();
