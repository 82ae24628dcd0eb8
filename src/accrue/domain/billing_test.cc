#include "accrue/domain/billing.h"

#include <gtest/gtest.h>

#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

struct Fixture {
  UuidV7Generator ids{3};
  absl::Time now = absl::FromUnixSeconds(1767225600);
  Customer customer;
  Plan plan;
  Subscription sub;

  explicit Fixture(const char* tz, const char* currency, const char* amount, IntervalUnit unit,
                   absl::CivilDay start) {
    customer.id = CustomerId(ids.Next(now));
    customer.name = "Müller GmbH";
    customer.currency = Currency::FromCodeOrDie(currency);
    customer.time_zone = tz;
    customer.address.country = "DE";
    plan.id = PlanId(ids.Next(now));
    plan.name = "Pro";
    plan.amount = *Money::ParseExact(amount, customer.currency);
    plan.interval_unit = unit;
    sub.id = SubscriptionId(ids.Next(now));
    sub.customer_id = customer.id;
    sub.plan_id = plan.id;
    sub.start_date = sub.billing_anchor = start;
    sub.interval_unit = unit;
    sub.next_period_start = PeriodAt(sub.cycle(), 0, Tz()).start;
  }
  absl::TimeZone Tz() const { return *LoadTimeZone(customer.time_zone); }
  DraftIds NewIds() { return {InvoiceId(ids.Next(now)), InvoiceLineId(ids.Next(now))}; }
};

TEST(BillingTest, MonthEndAnchorBillsOnLastDayOfShortMonths) {
  Fixture f("Europe/Berlin", "EUR", "49.00", IntervalUnit::kMonth, absl::CivilDay(2026, 1, 31));
  // At local midnight of 1 May 2026 in Berlin, periods 0..3 have started: Jan 31, Feb 28,
  // Mar 31, Apr 30.
  absl::Time at = absl::FromCivil(absl::CivilSecond(2026, 5, 1, 0, 0, 0), f.Tz());
  std::vector<int64_t> due = DuePeriodIndices(f.sub, f.Tz(), at);
  ASSERT_EQ(due.size(), 4u);
  std::vector<absl::CivilDay> starts;
  for (int64_t i : due) starts.push_back(PeriodAt(f.sub.cycle(), i, f.Tz()).start_day);
  EXPECT_EQ(starts, (std::vector<absl::CivilDay>{
                        absl::CivilDay(2026, 1, 31), absl::CivilDay(2026, 2, 28),
                        absl::CivilDay(2026, 3, 31), absl::CivilDay(2026, 4, 30)}));
}

TEST(BillingTest, PeriodIsDueAtItsLocalMidnightNotBefore) {
  Fixture f("Asia/Tokyo", "JPY", "1200000", IntervalUnit::kYear, absl::CivilDay(2024, 2, 29));
  f.sub.next_period_index = 1;
  Period p1 = PeriodAt(f.sub.cycle(), 1, f.Tz());
  EXPECT_EQ(p1.start_day, absl::CivilDay(2025, 2, 28));
  f.sub.next_period_start = p1.start;
  // 2025-02-27T15:00:00Z is midnight in Tokyo (UTC+9).
  EXPECT_EQ(p1.start, absl::FromUnixSeconds(1740668400));
  EXPECT_TRUE(DuePeriodIndices(f.sub, f.Tz(), p1.start - absl::Nanoseconds(1)).empty());
  EXPECT_EQ(DuePeriodIndices(f.sub, f.Tz(), p1.start), std::vector<int64_t>{1});
}

TEST(BillingTest, CanceledSubscriptionsAreNeverDue) {
  Fixture f("UTC", "USD", "10.00", IntervalUnit::kMonth, absl::CivilDay(2026, 1, 1));
  f.sub.status = SubscriptionStatus::kCanceled;
  EXPECT_TRUE(DuePeriodIndices(f.sub, f.Tz(), f.now + absl::Hours(24 * 400)).empty());
}

TEST(BillingTest, BacklogIsCappedPerRun) {
  Fixture f("UTC", "USD", "10.00", IntervalUnit::kWeek, absl::CivilDay(2000, 1, 3));
  EXPECT_EQ(DuePeriodIndices(f.sub, f.Tz(), f.now).size(), size_t{kDuePeriodsPerRunMax});
}

TEST(BillingTest, BuildsOneLineInvoiceWithExactAmountsAndBuyerSnapshot) {
  Fixture f("Asia/Kuwait", "KWD", "12.750", IntervalUnit::kMonth, absl::CivilDay(2026, 6, 30));
  Period p = PeriodAt(f.sub.cycle(), 2, f.Tz());
  Invoice inv = BuildPeriodInvoice(f.sub, f.plan, f.customer, p, 2, 30, f.NewIds(), f.now);
  ASSERT_EQ(inv.lines.size(), 1u);
  EXPECT_EQ(inv.lines[0].amount_minor, 12750);
  EXPECT_EQ(inv.lines[0].unit_price.ToString(), "12.75");
  EXPECT_EQ(inv.lines[0].description, "Pro (2026-08-30 – 2026-09-29)");
  EXPECT_EQ(inv.total_minor, 12750);
  EXPECT_EQ(inv.amount_due_minor, 12750);
  EXPECT_EQ(inv.status, InvoiceStatus::kDraft);
  EXPECT_EQ(inv.buyer.name, "Müller GmbH");
  EXPECT_EQ(*inv.period_index, 2);
  EXPECT_EQ(*inv.period_start, p.start);
  EXPECT_OK(CheckTotals(inv));
}

TEST(BillingTest, NetTermsResolveSubscriptionThenCustomerThenTenant) {
  Fixture f("UTC", "USD", "10.00", IntervalUnit::kMonth, absl::CivilDay(2026, 1, 1));
  TenantSettings settings;
  settings.default_net_terms_days = 30;
  EXPECT_EQ(ResolveNetTermsDays(f.sub, f.customer, settings), 30);
  f.customer.net_terms_days = 14;
  EXPECT_EQ(ResolveNetTermsDays(f.sub, f.customer, settings), 14);
  f.sub.net_terms_days = 0;
  EXPECT_EQ(ResolveNetTermsDays(f.sub, f.customer, settings), 0);
}

}  // namespace
}  // namespace accrue
