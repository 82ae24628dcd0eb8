// Billing runs against a real store: idempotency, month ends, numbering, failure isolation.
#include "accrue/app/billing_run.h"

#include <gtest/gtest.h>

#include <set>

#include "accrue/app/invoices.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

using testing::StoreFixture;

std::vector<Invoice> AllInvoices(StoreFixture& f, const Actor& a) {
  std::vector<Invoice> all;
  PageRequest page{kPageLimitMax, {}};
  while (true) {
    Result<Page<Invoice>> p = f.Read<Page<Invoice>>(
        [&](StoreTx& tx) { return ListInvoices(tx, a, InvoiceFilter{}, page); });
    EXPECT_TRUE(p.ok()) << p.status();
    all.insert(all.end(), p->items.begin(), p->items.end());
    if (!p->has_more) break;
    page.starting_after = p->items.back().id.uuid();
  }
  return all;
}

BillingRun Bill(StoreFixture& f, const Actor& a, absl::Time at, bool finalize = true,
                int batch_size = kBillingBatchSizeDefault) {
  BillingRunOptions options;
  options.billing_at = at;
  options.finalize = finalize;
  options.batch_size = batch_size;
  Result<BillingRun> run = RunBilling(f.services(), a, options);
  EXPECT_TRUE(run.ok()) << run.status();
  return *run;
}

TEST(BillingRunTest, RerunningCreatesNothingTwice) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "pro");
  for (int i = 0; i < 25; ++i) {
    f.NewSubscription(a, f.NewCustomer(a), plan, absl::CivilDay(2026, 1, 1 + i));
  }
  absl::Time at = absl::FromCivil(absl::CivilSecond(2026, 3, 15, 0, 0, 0), absl::UTCTimeZone());
  BillingRun first = Bill(f, a, at, true, 7);
  // Each started on Jan x (x = 1..25, Berlin): periods Jan x, Feb x and, since 00:00 UTC on
  // Mar 15 is 01:00 in Berlin, Mar x for x <= 15.
  EXPECT_EQ(first.invoices_created, 25 * 2 + 15);
  EXPECT_EQ(first.invoices_finalized, first.invoices_created);
  EXPECT_EQ(first.status, BillingRunStatus::kCompleted);
  BillingRun second = Bill(f, a, at, true, 7);
  EXPECT_EQ(second.invoices_created, 0);
  std::vector<Invoice> invoices = AllInvoices(f, a);
  EXPECT_EQ(static_cast<int64_t>(invoices.size()), first.invoices_created);
  std::set<std::pair<std::string, int64_t>> periods;
  for (const Invoice& inv : invoices) {
    EXPECT_TRUE(periods.emplace(inv.subscription_id->ToString(), *inv.period_index).second);
  }
}

TEST(BillingRunTest, NumbersAreGaplessAcrossBatchesAndRuns) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "pro");
  for (int i = 0; i < 30; ++i) f.NewSubscription(a, f.NewCustomer(a), plan, absl::CivilDay(2026, 1, 5));
  Bill(f, a, absl::FromCivil(absl::CivilSecond(2026, 1, 6, 0, 0, 0), absl::UTCTimeZone()), true, 4);
  Bill(f, a, absl::FromCivil(absl::CivilSecond(2026, 2, 6, 0, 0, 0), absl::UTCTimeZone()), true, 9);
  std::vector<Invoice> invoices = AllInvoices(f, a);
  ASSERT_EQ(invoices.size(), 60u);
  std::set<int64_t> sequences;
  for (const Invoice& inv : invoices) {
    EXPECT_EQ(inv.status, InvoiceStatus::kOpen);
    sequences.insert(*inv.sequence);
    EXPECT_EQ(*inv.number, fmt::format("INV-2026-{:06d}", *inv.sequence));
  }
  EXPECT_EQ(sequences.size(), 60u);
  EXPECT_EQ(*sequences.begin(), 1);
  EXPECT_EQ(*sequences.rbegin(), 60);
}

TEST(BillingRunTest, DraftsWhenNotFinalizingAndFinalizeLater) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Customer c = f.NewCustomer(a, "JPY", "Asia/Tokyo");
  Plan plan = f.NewPlan(a, "ent", "JPY", "1200000", "year");
  f.NewSubscription(a, c, plan, absl::CivilDay(2024, 2, 29));
  BillingRun run = Bill(f, a, absl::FromCivil(absl::CivilSecond(2026, 3, 1, 0, 0, 0),
                                              absl::UTCTimeZone()), false);
  EXPECT_EQ(run.invoices_created, 3);  // 2024-02-29, 2025-02-28, 2026-02-28
  EXPECT_EQ(run.invoices_finalized, 0);
  std::vector<Invoice> invoices = AllInvoices(f, a);
  for (const Invoice& inv : invoices) {
    EXPECT_EQ(inv.status, InvoiceStatus::kDraft);
    EXPECT_FALSE(inv.number.has_value());
    EXPECT_EQ(inv.total_minor, 1200000);
    Invoice done = f.Write<Invoice>(
        [&](StoreTx& tx) { return FinalizeInvoice(tx, f.services(), a, inv.id); });
    EXPECT_EQ(done.status, InvoiceStatus::kOpen);
    EXPECT_TRUE(done.number.has_value());
  }
}

TEST(BillingRunTest, MonthEndAnchorInCustomerZone) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Customer c = f.NewCustomer(a, "USD", "America/New_York");
  Plan plan = f.NewPlan(a, "team", "USD", "99.50");
  Subscription s = f.NewSubscription(a, c, plan, absl::CivilDay(2028, 1, 31));
  absl::TimeZone ny = *LoadTimeZone("America/New_York");
  // One nanosecond before local midnight of Feb 29 (leap year) only January is due.
  absl::Time feb29 = absl::FromCivil(absl::CivilSecond(2028, 2, 29, 0, 0, 0), ny);
  EXPECT_EQ(Bill(f, a, feb29 - absl::Nanoseconds(1)).invoices_created, 1);
  EXPECT_EQ(Bill(f, a, feb29).invoices_created, 1);
  std::vector<Invoice> invoices = AllInvoices(f, a);
  ASSERT_EQ(invoices.size(), 2u);
  // Newest first.
  EXPECT_EQ(*invoices[0].period_start, feb29);
  EXPECT_EQ(*invoices[0].period_end, absl::FromCivil(absl::CivilSecond(2028, 3, 31, 0, 0, 0), ny));
  EXPECT_EQ(invoices[0].total_minor, 9950);
  ASSERT_OK_AND_ASSIGN(Subscription after, f.Read<Subscription>([&](StoreTx& tx) {
    return GetSubscription(tx, a, s.id);
  }));
  EXPECT_EQ(after.next_period_index, 2);
}

TEST(BillingRunTest, OneBrokenSubscriptionDoesNotStopTheRun) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "pro");
  Customer good = f.NewCustomer(a);
  Customer bad = f.NewCustomer(a);
  f.NewSubscription(a, good, plan, absl::CivilDay(2026, 1, 1));
  Subscription broken = f.NewSubscription(a, bad, plan, absl::CivilDay(2026, 1, 1));
  // Simulate a customer whose zone no longer exists in the tz database.
  bad.time_zone = "Mars/Olympus_Mons";
  ASSERT_OK(f.store().Write([&](StoreTx& tx) { return tx.customers().Update(bad); }));
  BillingRun run = Bill(f, a, absl::FromCivil(absl::CivilSecond(2026, 1, 2, 0, 0, 0),
                                              absl::UTCTimeZone()));
  EXPECT_EQ(run.invoices_created, 1);
  EXPECT_EQ(run.failures, 1);
  EXPECT_EQ(run.status, BillingRunStatus::kCompletedWithFailures);
  ASSERT_OK_AND_ASSIGN(std::vector<BillingRunFailure> failures,
                       f.Read<std::vector<BillingRunFailure>>([&](StoreTx& tx) {
                         return ListBillingRunFailures(tx, a, run.id);
                       }));
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].subscription_id, broken.id);
  EXPECT_EQ(failures[0].reason, "time_zone.unknown");
  ASSERT_OK_AND_ASSIGN(BillingRun stored,
                       f.Read<BillingRun>([&](StoreTx& tx) { return GetBillingRun(tx, a, run.id); }));
  EXPECT_EQ(stored.invoices_created, 1);
  EXPECT_TRUE(stored.finished_at.has_value());
}

TEST(BillingRunTest, CanceledSubscriptionsAreNotBilled) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Subscription s = f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"),
                                     absl::CivilDay(2026, 1, 1));
  f.Write<Subscription>([&](StoreTx& tx) { return CancelSubscription(tx, f.services(), a, s.id); });
  EXPECT_EQ(Bill(f, a, absl::FromUnixSeconds(1790000000)).invoices_created, 0);
  EXPECT_THAT(f.TryWrite<Subscription>([&](StoreTx& tx) {
    return CancelSubscription(tx, f.services(), a, s.id);
  }),
              testing::HasReason("subscription.canceled"));
}

// A run whose process died leaves a "running" record; the next run marks it interrupted once its
// heartbeat is stale, and leaves a live one (recent heartbeat) alone.
TEST(BillingRunTest, StaleRunningRunsAreMarkedInterrupted) {
  StoreFixture f;
  Actor a = f.NewTenant();
  auto insert_running = [&](absl::Time heartbeat) {
    BillingRun r;
    r.id = f.services().NewId<BillingRunId>();
    r.tenant_id = a.tenant;
    r.billing_at = heartbeat;
    r.actor = "crashed";
    r.started_at = heartbeat;
    r.heartbeat_at = heartbeat;
    Status s = f.store().Write([&](StoreTx& tx) { return tx.billing_runs().Insert(r); });
    EXPECT_TRUE(s.ok()) << s;
    return r.id;
  };
  const absl::Time now = f.clock().Now();
  BillingRunId dead = insert_running(now - kBillingRunStaleAfter - absl::Seconds(1));
  BillingRunId live = insert_running(now - absl::Minutes(1));
  BillingRun run = Bill(f, a, now);
  EXPECT_EQ(run.status, BillingRunStatus::kCompleted);
  auto status_of = [&](BillingRunId id) {
    Result<BillingRun> r = f.Read<BillingRun>([&](StoreTx& tx) { return GetBillingRun(tx, a, id); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r->status;
  };
  EXPECT_EQ(status_of(dead), BillingRunStatus::kInterrupted);
  EXPECT_EQ(status_of(live), BillingRunStatus::kRunning);
  EXPECT_EQ(status_of(run.id), BillingRunStatus::kCompleted);
}

}  // namespace
}  // namespace accrue
