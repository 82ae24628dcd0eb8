// Does billing time depend on the number of usage events? The requirement: billing
// 10,000 subscriptions takes the same time after 10,000,000 events as after none (within 20%).
//
// Builds one database with N subscriptions on a plan with two usage charges (graduated on a count
// meter, per-unit on a sum meter; no group_by, so both databases get the same number of invoice
// lines), copies it, ingests E events for period 0 into the copy through the real ingest path
// (UsageIngestor, batches of 10,000), then times RunBilling at the start of period 1 on fresh
// copies of each database: 2N invoices per run, N of them with usage lines priced from the
// running aggregates. Prints the median of RUNS runs for each and their ratio.
//
//   build/release/bench/rating_billing_benchmark 10000 10000000 3   # N, E, RUNS (the size)
//   build/release/bench/rating_billing_benchmark                    # quick: 1000, 100000, 3
//
// Billing runs use synchronous=FULL, as in production; setup uses NORMAL.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "accrue/app/billing_run.h"
#include "accrue/app/customers.h"
#include "accrue/app/meters.h"
#include "accrue/app/plans.h"
#include "accrue/app/subscriptions.h"
#include "accrue/app/tenants.h"
#include "accrue/app/usage_ingest.h"
#include "accrue/base/strings.h"
#include "accrue/storage/sqlite/sqlite_store.h"

namespace accrue {
namespace {

const absl::Time kJan1 = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z
const absl::Time kFeb1 = absl::FromUnixSeconds(1769904000);  // 2026-02-01T00:00:00Z

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, std::string(s.message()).c_str());
    std::exit(1);
  }
}

std::unique_ptr<SqliteStore> Open(const std::string& path, bool full) {
  sqlite::OpenOptions options;
  options.path = path;
  options.synchronous_full = full;
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(options);
  Check(store.status(), "open");
  return *std::move(store);
}

struct Setup {
  Actor actor;
  std::vector<std::string> customers;
};

Setup Build(const std::string& path, int64_t n) {
  std::unique_ptr<SqliteStore> store = Open(path, false);
  ManualClock clock(kJan1);
  UuidV7Generator ids(7);
  Services services{*store, clock, ids};
  Result<CreatedTenant> tenant = CreateTenant(services, "Bench", TenantSettings{});
  Check(tenant.status(), "tenant");
  Setup setup{Actor{tenant->tenant.id, "bench"}, {}};
  PlanId plan_id;
  Check(store->Write([&](StoreTx& tx) -> Status {
    MeterFields calls{"calls", "Calls", "count", std::nullopt, std::nullopt, std::nullopt};
    MeterFields bytes{"bytes", "Bytes", "sum", "value", std::nullopt, std::nullopt};
    RETURN_IF_ERROR(CreateMeter(tx, services, setup.actor, calls).status());
    RETURN_IF_ERROR(CreateMeter(tx, services, setup.actor, bytes).status());
    ChargeFields graduated;
    graduated.meter = "calls";
    graduated.model = "graduated";
    graduated.tiers = std::vector<TierFields>{{"100", "0", std::nullopt, std::nullopt},
                                              {"1000", "0.01", "1.00", std::nullopt},
                                              {std::nullopt, "0.001", std::nullopt, std::nullopt}};
    ChargeFields per_unit;
    per_unit.meter = "bytes";
    per_unit.model = "per_unit";
    per_unit.unit_price = "0.000000001";
    PlanFields plan;
    plan.code = "usage";
    plan.name = "Usage";
    plan.currency = "EUR";
    plan.amount = "49.00";
    plan.charges = std::vector<ChargeFields>{graduated, per_unit};
    ASSIGN_OR_RETURN(Plan p, CreatePlan(tx, services, setup.actor, plan));
    plan_id = p.id;
    return OkStatus();
  }),
        "plan");
  for (int64_t done = 0; done < n;) {
    Check(store->Write([&](StoreTx& tx) -> Status {
      for (int i = 0; i < 1000 && done < n; ++i, ++done) {
        CustomerFields c;
        c.name = fmt::format("Customer {}", done);
        c.currency = "EUR";
        c.time_zone = "UTC";
        ASSIGN_OR_RETURN(Customer customer, CreateCustomer(tx, services, setup.actor, c));
        SubscriptionFields s;
        s.customer = customer.id;
        s.plan = plan_id;
        s.start_date = absl::CivilDay(2026, 1, 1);
        RETURN_IF_ERROR(CreateSubscription(tx, services, setup.actor, s).status());
        setup.customers.push_back(customer.id.ToString());
      }
      return OkStatus();
    }),
          "subscriptions");
  }
  return setup;
}

void IngestEvents(const std::string& path, const Setup& setup, int64_t events) {
  std::unique_ptr<SqliteStore> store = Open(path, false);
  ManualClock clock(kFeb1);
  UuidV7Generator ids(8);
  Services services{*store, clock, ids};
  UsageIngestor ingestor;
  const int64_t span_us = absl::ToInt64Microseconds(kFeb1 - kJan1) - 1;
  const auto started = std::chrono::steady_clock::now();
  for (int64_t done = 0; done < events;) {
    std::vector<IngestItem> items;
    for (size_t i = 0; i < kIngestBatchEventsMax && done < events; ++i, ++done) {
      IngestItem item;
      item.event.id = fmt::format("e{}", done);
      item.event.customer = setup.customers[static_cast<size_t>(done) % setup.customers.size()];
      const bool calls = done % 2 == 0;
      item.event.meter = calls ? "calls" : "bytes";
      item.event.timestamp = kJan1 + absl::Microseconds(done * (span_us / events));
      if (!calls) {
        item.event.properties.push_back(
            {"value", PropertyValue{PropertyKind::kNumber, std::to_string(1000 + done % 9000)}});
      }
      items.push_back(std::move(item));
    }
    Check(store->Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(IngestBatchResult r,
                       ingestor.Ingest(tx, services, setup.actor.tenant, items));
      for (const EventResult& e : r.results) {
        if (e.outcome != EventOutcome::kAccepted) return e.error;
      }
      return OkStatus();
    }),
          "ingest");
  }
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("ingested %lld events in %.1f s (%.0f events/s)\n", static_cast<long long>(events), s,
              static_cast<double>(events) / s);
}

// Seconds of one billing run on a fresh copy of `path`.
double TimeBilling(const std::string& path, const std::string& scratch, const Actor& actor) {
  std::filesystem::copy_file(path, scratch, std::filesystem::copy_options::overwrite_existing);
  std::unique_ptr<SqliteStore> store = Open(scratch, true);
  ManualClock clock(kFeb1 + absl::Seconds(1));
  UuidV7Generator ids(9);
  Services services{*store, clock, ids};
  BillingRunOptions options;
  options.billing_at = kFeb1 + absl::Seconds(1);
  const auto started = std::chrono::steady_clock::now();
  Result<BillingRun> run = RunBilling(services, actor, options);
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Check(run.status(), "billing");
  if (run->failures != 0) {
    Check(store->Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(std::vector<BillingRunFailure> failures,
                       ListBillingRunFailures(tx, actor, run->id));
      for (size_t i = 0; i < failures.size() && i < 5; ++i) {
        std::fprintf(stderr, "failure: %s %s\n", failures[i].reason.c_str(),
                     failures[i].message.c_str());
      }
      return InternalError("bench.failures", "billing failures");
    }),
          "billing");
  }
  std::printf("  %lld invoices in %.2f s\n", static_cast<long long>(run->invoices_created), s);
  return s;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace
}  // namespace accrue

int main(int argc, char** argv) {
  using namespace accrue;
  // Positional sizes; flags (`make bench` passes Google Benchmark's) are ignored. The defaults are
  // the quick version; the figure needs `10000 10000000 3`.
  std::vector<int64_t> sizes;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != '-') sizes.push_back(std::atoll(argv[i]));
  }
  const int64_t n = std::max<int64_t>(1, sizes.size() > 0 ? sizes[0] : 1'000);
  const int64_t events = std::max<int64_t>(1, sizes.size() > 1 ? sizes[1] : 100'000);
  const int runs = static_cast<int>(std::max<int64_t>(1, sizes.size() > 2 ? sizes[2] : 3));
  char pattern[] = "/tmp/accrue-rating-bench-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string empty = dir + "/empty.db", full = dir + "/events.db", scratch = dir + "/run.db";
  Setup setup = Build(empty, n);
  std::filesystem::copy_file(empty, full);
  IngestEvents(full, setup, events);
  std::vector<double> without, with;
  for (int r = 0; r < runs; ++r) {
    std::printf("run %d, no events:\n", r + 1);
    without.push_back(TimeBilling(empty, scratch, setup.actor));
    std::printf("run %d, %lld events:\n", r + 1, static_cast<long long>(events));
    with.push_back(TimeBilling(full, scratch, setup.actor));
  }
  const double a = Median(without), b = Median(with);
  std::printf("subscriptions %lld, events %lld, runs %d\n", static_cast<long long>(n),
              static_cast<long long>(events), runs);
  std::printf("billing median without events: %.2f s\n", a);
  std::printf("billing median after events:    %.2f s\n", b);
  std::printf("ratio after/without:            %.3f\n", b / a);
  std::filesystem::remove_all(dir);
  return 0;
}
