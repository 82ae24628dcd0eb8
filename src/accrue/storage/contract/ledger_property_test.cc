// Properties of the books over random histories: random plans, customers in many zones and
// currencies, monthly billing runs, voids, write-offs, cancellations, and recognition runs that
// are sometimes skipped and sometimes repeated. After every month:
//   - every entry balances and the daily balances equal the journal lines (VerifyBalances);
//   - the trial balance balances in every currency;
//   - AR (1100) equals the amount due of the open invoices, and the AR aging totals;
//   - deferred (2100) + recognized revenue (4000*) equals the revenue invoiced net of voids, to
//     the minor unit, and deferred equals the deferred revenue waterfall.
// Payments and credit notes do not exist yet, so they are not part of the histories.
//
// The unit suite runs small histories; the soak size is set by environment variables
// (bench/ledger_soak.sh): ACCRUE_LEDGER_SIM_CUSTOMERS, ACCRUE_LEDGER_SIM_MONTHS,
// ACCRUE_LEDGER_SIM_SEEDS.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/ledger.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"

namespace accrue {
namespace {

using testing::StoreFixture;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::atoi(v);
}

struct Sizes {
  int customers;
  int months;
};

class Simulation {
 public:
  Simulation(uint64_t seed, Sizes sizes)
      : f_(absl::FromCivil(absl::CivilSecond(2025, 1, 1, 0, 0, 0), absl::UTCTimeZone())),
        rng_(seed),
        sizes_(sizes) {}

  void Run() {
    a_ = f_.NewTenant();
    MakeCatalog();
    const absl::CivilMonth first(2025, 1);
    for (int k = 0; k < sizes_.months; ++k) {
      const absl::CivilMonth m = first + k;
      const absl::Time at = absl::FromCivil(
          absl::CivilSecond(m.year(), m.month(), 1 + Uniform(27), Uniform(24), Uniform(60), 0),
          absl::UTCTimeZone());
      f_.clock().Set(at);
      // Recognize last month most of the time; sometimes skip (caught up later), sometimes twice.
      if (k > 0 && Uniform(10) < 7) {
        Recognize(m - 1);
        if (Uniform(4) == 0) Recognize(m - 1);
      }
      Bill(at);
      Perturb();
      // Every month for small histories; every sixth at soak size (listing every invoice is the
      // slow part of a check).
      if (sizes_.customers <= 200 || k % 6 == 5) CheckInvariants();
      if (::testing::Test::HasFailure()) return;
    }
    f_.clock().Set(f_.clock().Now() + absl::Hours(24 * 40));
    Recognize(absl::CivilMonth(absl::ToCivilDay(f_.clock().Now(), absl::UTCTimeZone())) - 1);
    CheckInvariants();
    // The history must have exercised every event, or the properties prove little.
    EXPECT_GT(invoices_, sizes_.customers);
    EXPECT_GT(voids_, 0);
    EXPECT_GT(write_offs_, 0);
    EXPECT_GT(recognized_items_, 0);
  }

 private:
  int Uniform(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

  void MakeCatalog() {
    struct P {
      const char* currency;
      const char* amount;
      const char* interval;
    };
    const P plans[] = {{"EUR", "49.00", "month"},   {"EUR", "12000.00", "year"},
                       {"EUR", "99.99", "quarter"}, {"EUR", "7.77", "week"},
                       {"USD", "19.99", "month"},   {"USD", "1000.01", "year"},
                       {"JPY", "12000", "month"},   {"KWD", "12.750", "quarter"}};
    int i = 0;
    for (const P& p : plans) {
      Plan plan = f_.NewPlan(a_, fmt::format("p{}", i++), p.currency, p.amount, p.interval);
      plans_[p.currency].push_back(plan);
    }
    const char* zones[] = {"Europe/Berlin", "America/New_York", "Asia/Tokyo",
                           "UTC",           "Asia/Kolkata",     "Pacific/Auckland"};
    const char* currencies[] = {"EUR", "EUR", "USD", "JPY", "KWD"};
    for (int c = 0; c < sizes_.customers; ++c) {
      const char* currency = currencies[Uniform(5)];
      Customer customer = f_.NewCustomer(a_, currency, zones[Uniform(6)]);
      const int subs = 1 + (Uniform(5) == 0 ? 1 : 0);
      for (int s = 0; s < subs; ++s) {
        const std::vector<Plan>& choices = plans_[currency];
        const Plan& plan = choices[static_cast<size_t>(Uniform(static_cast<int>(choices.size())))];
        const absl::CivilDay start =
            absl::CivilDay(2025, 1, 1) + Uniform(30 * std::max(1, sizes_.months - 2));
        subscriptions_.push_back(f_.NewSubscription(a_, customer, plan, start).id);
      }
    }
  }

  void Bill(absl::Time at) {
    BillingRunOptions options;
    options.billing_at = at;
    Result<BillingRun> run = RunBilling(f_.services(), a_, options);
    ASSERT_TRUE(run.ok()) << run.status();
    ASSERT_EQ(run->failures, 0);
    invoices_ += run->invoices_finalized;
  }

  void Recognize(absl::CivilMonth m) {
    Result<RecognitionRun> run = f_.TryWrite<RecognitionRun>(
        [&](StoreTx& tx) { return RunRecognition(tx, f_.services(), a_, m); });
    ASSERT_TRUE(run.ok()) << run.status();
    for (const RecognizedMonth& done : run->months) recognized_items_ += done.items;
  }

  // Newest first; at most `max` of them.
  std::vector<Invoice> AllInvoices(size_t max = SIZE_MAX) {
    std::vector<Invoice> all;
    PageRequest page{kPageLimitMax, {}};
    while (all.size() < max) {
      Result<Page<Invoice>> p = f_.Read<Page<Invoice>>(
          [&](StoreTx& tx) { return ListInvoices(tx, a_, InvoiceFilter{}, page); });
      EXPECT_TRUE(p.ok()) << p.status();
      all.insert(all.end(), p->items.begin(), p->items.end());
      if (!p->has_more) break;
      page.starting_after = p->items.back().id.uuid();
    }
    return all;
  }

  // Voids, write-offs and cancellations on a few percent of the recent invoices.
  void Perturb() {
    for (const Invoice& inv : AllInvoices(static_cast<size_t>(3 * sizes_.customers + 100))) {
      const int dice = Uniform(100);
      Result<Invoice> done = inv;
      if ((inv.status == InvoiceStatus::kOpen && dice < 4) ||
          (inv.status == InvoiceStatus::kUncollectible && dice < 30)) {
        done = f_.TryWrite<Invoice>(
            [&](StoreTx& tx) { return VoidInvoice(tx, f_.services(), a_, inv.id, "sim"); });
        ++voids_;
      } else if (inv.status == InvoiceStatus::kOpen && dice < 8) {
        done = f_.TryWrite<Invoice>([&](StoreTx& tx) {
          return MarkInvoiceUncollectible(tx, f_.services(), a_, inv.id, "sim");
        });
        ++write_offs_;
      }
      ASSERT_TRUE(done.ok()) << done.status();
    }
    for (SubscriptionId& id : subscriptions_) {
      if (id.IsNil() || Uniform(100) >= 3) continue;
      Result<Subscription> s = f_.TryWrite<Subscription>(
          [&](StoreTx& tx) { return CancelSubscription(tx, f_.services(), a_, id); });
      ASSERT_TRUE(s.ok()) << s.status();
      id = SubscriptionId();
    }
  }

  void CheckInvariants() {
    const absl::CivilDay today = absl::ToCivilDay(f_.clock().Now(), absl::UTCTimeZone());
    ASSERT_OK(f_.store().Read([&](StoreTx& tx) { return tx.ledger().VerifyBalances(a_.tenant); }));
    Result<ledger::TrialBalance> tb = f_.Read<ledger::TrialBalance>(
        [&](StoreTx& tx) { return TrialBalanceReport(tx, a_, today, false); });
    ASSERT_TRUE(tb.ok()) << tb.status();
    ASSERT_TRUE(tb->balanced);
    std::map<Currency, int64_t> receivable, deferred, revenue;
    for (const ledger::TrialBalanceRow& r : tb->rows) {
      const int64_t net = r.debit_minor - r.credit_minor;
      if (r.account.code == ledger::codes::kReceivable) receivable[r.currency] += net;
      if (r.account.code == ledger::codes::kDeferredRevenue) deferred[r.currency] -= net;
      if (r.account.type == ledger::AccountType::kRevenue) revenue[r.currency] -= net;
    }
    std::map<Currency, int64_t> open_due, invoiced;
    for (const Invoice& inv : AllInvoices()) {
      if (inv.status == InvoiceStatus::kOpen || inv.status == InvoiceStatus::kSent ||
          inv.status == InvoiceStatus::kPartiallyPaid || inv.status == InvoiceStatus::kDisputed) {
        open_due[inv.currency] += inv.amount_due_minor;
      }
      if (inv.status != InvoiceStatus::kDraft && inv.status != InvoiceStatus::kVoid) {
        invoiced[inv.currency] += inv.subtotal_minor;
      }
    }
    auto nonzero = [](std::map<Currency, int64_t> m) {
      std::erase_if(m, [](const auto& kv) { return kv.second == 0; });
      return m;
    };
    EXPECT_EQ(nonzero(receivable), nonzero(open_due));
    std::map<Currency, int64_t> books;
    for (const auto& [c, v] : deferred) books[c] += v;
    for (const auto& [c, v] : revenue) books[c] += v;
    EXPECT_EQ(nonzero(books), nonzero(invoiced));
    Result<DeferredRevenueReport> waterfall = f_.Read<DeferredRevenueReport>(
        [&](StoreTx& tx) { return DeferredRevenueWaterfall(tx, a_); });
    ASSERT_TRUE(waterfall.ok());
    std::map<Currency, int64_t> pending;
    for (const DeferredMonth& m : waterfall->totals) pending[m.currency] += m.amount_minor;
    EXPECT_EQ(nonzero(pending), nonzero(deferred));
    Result<ledger::AgingReport> aging =
        f_.Read<ledger::AgingReport>([&](StoreTx& tx) { return ArAgingReport(tx, a_, today); });
    ASSERT_TRUE(aging.ok());
    std::map<Currency, int64_t> aged;
    for (const ledger::AgingRow& t : aging->totals) aged[t.currency] += t.total_minor;
    EXPECT_EQ(nonzero(aged), nonzero(open_due));
  }

  StoreFixture f_;
  std::mt19937_64 rng_;
  Sizes sizes_;
  Actor a_;
  std::map<std::string, std::vector<Plan>> plans_;
  std::vector<SubscriptionId> subscriptions_;
  // What the history exercised.
  int64_t invoices_ = 0;
  int64_t voids_ = 0;
  int64_t write_offs_ = 0;
  int64_t recognized_items_ = 0;
};

TEST(LedgerPropertyTest, BooksHoldTheirInvariantsOverRandomHistories) {
  const Sizes sizes{EnvInt("ACCRUE_LEDGER_SIM_CUSTOMERS", 25),
                    EnvInt("ACCRUE_LEDGER_SIM_MONTHS", 15)};
  const int seeds = EnvInt("ACCRUE_LEDGER_SIM_SEEDS", 3);
  for (int seed = 1; seed <= seeds; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    Simulation sim(static_cast<uint64_t>(seed), sizes);
    sim.Run();
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace accrue
