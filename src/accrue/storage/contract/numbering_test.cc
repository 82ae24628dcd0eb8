// Gapless numbering under concurrency: many threads finalizing drafts at once must produce
// exactly 1..N, no gap, no repeat.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/storage/contract/store_fixture.h"

namespace accrue {
namespace {

TEST(NumberingTest, EightThreadsFinalizingTenThousandInvoicesAreGapless) {
  constexpr int kInvoices = 10000;
  constexpr int kThreads = 8;
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "pro");
  Customer c = f.NewCustomer(a);
  // 10,000 draft invoices: one daily subscription with 10,000 periods would hit the per-run
  // cap, so use 100 subscriptions × 100 daily periods.
  PlanFields daily;
  daily.code = "daily";
  daily.name = "Daily";
  daily.currency = "EUR";
  daily.amount = "1.00";
  daily.interval = "day";
  Plan daily_plan = f.Write<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, daily); });
  for (int i = 0; i < kInvoices / 100; ++i) {
    f.NewSubscription(a, c, daily_plan, absl::CivilDay(2026, 1, 1));
  }
  BillingRunOptions options;
  options.finalize = false;
  // Local midnight of day 100 in Berlin starts period 99: exactly 100 periods per subscription.
  options.billing_at = absl::FromCivil(absl::CivilSecond(2026, 4, 10, 0, 0, 0),
                                       absl::FixedTimeZone(2 * 3600));
  ASSERT_OK_AND_ASSIGN(BillingRun run, RunBilling(f.services(), a, options));
  ASSERT_EQ(run.invoices_created, kInvoices);

  std::vector<InvoiceId> ids;
  PageRequest page{kPageLimitMax, {}};
  while (true) {
    ASSERT_OK_AND_ASSIGN(Page<Invoice> p, f.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, a, InvoiceFilter{}, page);
    }));
    for (const Invoice& inv : p.items) ids.push_back(inv.id);
    if (!p.has_more) break;
    page.starting_after = p.items.back().id.uuid();
  }
  ASSERT_EQ(ids.size(), size_t{kInvoices});

  std::atomic<size_t> next{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < ids.size(); i = next++) {
        Status s = f.store().Write([&](StoreTx& tx) {
          return FinalizeInvoice(tx, f.services(), a, ids[i]).status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  std::vector<int64_t> sequences;
  page = PageRequest{kPageLimitMax, {}};
  while (true) {
    ASSERT_OK_AND_ASSIGN(Page<Invoice> p, f.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, a, InvoiceFilter{}, page);
    }));
    for (const Invoice& inv : p.items) {
      ASSERT_TRUE(inv.sequence.has_value());
      sequences.push_back(*inv.sequence);
    }
    if (!p.has_more) break;
    page.starting_after = p.items.back().id.uuid();
  }
  std::sort(sequences.begin(), sequences.end());
  ASSERT_EQ(sequences.size(), size_t{kInvoices});
  for (int i = 0; i < kInvoices; ++i) ASSERT_EQ(sequences[static_cast<size_t>(i)], i + 1);
}

TEST(NumberingTest, SeriesAreSeparatePerTenantAndYear) {
  testing::StoreFixture f(absl::FromCivil(absl::CivilSecond(2026, 12, 31, 22, 0, 0),
                                          absl::UTCTimeZone()));
  Actor a = f.NewTenant("A");
  Actor b = f.NewTenant("B");
  for (const Actor* t : {&a, &b}) {
    f.NewSubscription(*t, f.NewCustomer(*t, "EUR", "UTC"), f.NewPlan(*t, "pro"),
                      absl::CivilDay(2026, 12, 15));
  }
  BillingRunOptions options;
  options.billing_at = f.clock().Now();
  ASSERT_OK(RunBilling(f.services(), a, options).status());
  ASSERT_OK(RunBilling(f.services(), b, options).status());
  // Tenants' zones are UTC: after midnight the yearly series restarts.
  f.clock().Advance(absl::Hours(3));
  Customer c = f.NewCustomer(a, "EUR", "UTC");
  f.NewSubscription(a, c, f.NewPlan(a, "pro2"), absl::CivilDay(2027, 1, 1));
  options.billing_at = f.clock().Now();
  ASSERT_OK(RunBilling(f.services(), a, options).status());
  ASSERT_OK_AND_ASSIGN(Page<Invoice> pa, f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, a, InvoiceFilter{}, PageRequest{10, {}});
  }));
  ASSERT_OK_AND_ASSIGN(Page<Invoice> pb, f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, b, InvoiceFilter{}, PageRequest{10, {}});
  }));
  ASSERT_EQ(pa.items.size(), 2u);
  ASSERT_EQ(pb.items.size(), 1u);
  EXPECT_EQ(*pa.items[0].number, "INV-2027-000001");
  EXPECT_EQ(*pa.items[1].number, "INV-2026-000001");
  EXPECT_EQ(*pb.items[0].number, "INV-2026-000001");
}

}  // namespace
}  // namespace accrue
