// The pure generator's usage half (domain/billing.h): usage lines from priced charges, and the
// final-usage rule for canceled subscriptions.
#include <gtest/gtest.h>

#include "accrue/domain/billing.h"
#include "accrue/domain/pricing/pricing_test_util.h"
#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using pricing_test::D;
using pricing_test::Graduated;
using pricing_test::PerUnit;
using pricing_test::Tier;

struct Fixture {
  UuidV7Generator ids{5};
  absl::Time now = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z
  absl::TimeZone tz = *LoadTimeZone("Europe/Berlin");
  Customer customer;
  Plan plan;
  Subscription sub;

  Fixture() {
    customer.id = CustomerId(ids.Next(now));
    customer.currency = Currency::FromCodeOrDie("EUR");
    customer.time_zone = "Europe/Berlin";
    plan.id = PlanId(ids.Next(now));
    plan.name = "Pro";
    plan.amount = Money::FromMinor(4900, customer.currency);
    sub.id = SubscriptionId(ids.Next(now));
    sub.customer_id = customer.id;
    sub.plan_id = plan.id;
    sub.start_date = sub.billing_anchor = absl::CivilDay(2026, 1, 1);
  }

  Charge NewCharge(ChargePricing pricing, std::string description = "API calls") {
    Charge c;
    c.id = ChargeId(ids.Next(now));
    c.meter_id = MeterId(ids.Next(now));
    c.meter_code = "api_calls";
    c.description = std::move(description);
    c.pricing = std::move(pricing);
    return c;
  }

  std::vector<InvoiceLineId> LineIds(size_t n) {
    std::vector<InvoiceLineId> out;
    for (size_t i = 0; i < n; ++i) out.push_back(InvoiceLineId(ids.Next(now)));
    return out;
  }

  Invoice Draft(int64_t index) {
    return BuildPeriodInvoice(sub, plan, customer, PeriodAt(sub.cycle(), index, tz), index, 30,
                              DraftIds{InvoiceId(ids.Next(now)), InvoiceLineId(ids.Next(now))},
                              now);
  }
};

TEST(UsageBillingTest, AppendsOneLinePerGroupAndAnAdjustment) {
  Fixture f;
  Charge charge = f.NewCharge(PerUnit("0.001"));
  charge.pricing.min_amount = D("20");
  std::vector<GroupUsage> usage = {{{{"region", "eu"}}, {D("12345"), 12345, {}}},
                                   {{{"region", "us"}}, {D("500"), 500, {}}}};
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(charge, usage, f.customer.currency));
  PeriodUsage period{0, PeriodAt(f.sub.cycle(), 0, f.tz), {priced}};
  Invoice draft = f.Draft(1);
  ASSERT_EQ(UsageLineCount(period), 3u);
  ASSERT_OK(AppendUsageLines(draft, f.plan, period, f.LineIds(3)));
  ASSERT_EQ(draft.lines.size(), 4u);
  const InvoiceLine& eu = draft.lines[1];
  EXPECT_EQ(eu.description, "API calls · region=eu (2026-01-01 – 2026-01-31)");
  EXPECT_EQ(eu.quantity, D("12345"));
  EXPECT_EQ(eu.unit_price, D("0.001"));
  EXPECT_EQ(eu.amount_minor, 1235);  // 12.345 rounded half-up
  EXPECT_EQ(*eu.period_start, PeriodAt(f.sub.cycle(), 0, f.tz).start);
  ASSERT_TRUE(eu.usage.has_value());
  EXPECT_EQ(eu.usage->usage_period_index, 0);
  EXPECT_EQ(eu.usage->exact_amount.ToString(), "12.345");
  EXPECT_EQ(eu.usage->event_count, 12345);
  const InvoiceLine& true_up = draft.lines[3];
  EXPECT_EQ(true_up.description, "API calls — minimum charge true-up (2026-01-01 – 2026-01-31)");
  EXPECT_EQ(true_up.amount_minor, 2000 - 1235 - 50);
  EXPECT_EQ(true_up.usage->kind, UsageLineKind::kMinimumTrueUp);
  EXPECT_EQ(draft.subtotal_minor, 4900 + 2000);
  EXPECT_OK(CheckTotals(draft));
}

TEST(UsageBillingTest, TieredLinesCarryTheirStepsAndNoUnitPrice) {
  Fixture f;
  Charge charge = f.NewCharge(Graduated({Tier("1000", "0"), Tier(nullptr, "0.002", "1.00")}), "");
  std::vector<GroupUsage> usage = {{{}, {D("2500"), 7, {}}}};
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(charge, usage, f.customer.currency));
  PeriodUsage period{0, PeriodAt(f.sub.cycle(), 0, f.tz), {priced}};
  Invoice draft = f.Draft(1);
  ASSERT_OK(AppendUsageLines(draft, f.plan, period, f.LineIds(1)));
  const InvoiceLine& line = draft.lines[1];
  EXPECT_EQ(line.description, "api_calls (2026-01-01 – 2026-01-31)");  // no description: code
  EXPECT_TRUE(line.unit_price.IsZero());
  EXPECT_EQ(line.amount_minor, 400);
  ASSERT_EQ(line.usage->steps.size(), 2u);
  EXPECT_EQ(line.usage->steps[1].units, D("1500"));
}

TEST(UsageBillingTest, TooManyLinesIsRefused) {
  Fixture f;
  Charge charge = f.NewCharge(PerUnit("1"));
  std::vector<GroupUsage> usage;
  for (size_t i = 0; i < kInvoiceLinesMax; ++i) {
    usage.push_back({{{"user", std::to_string(i)}}, {D("1"), 1, {}}});
  }
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(charge, usage, f.customer.currency));
  PeriodUsage period{0, PeriodAt(f.sub.cycle(), 0, f.tz), {priced}};
  Invoice draft = f.Draft(1);
  EXPECT_THAT(AppendUsageLines(draft, f.plan, period, f.LineIds(kInvoiceLinesMax)),
              testing::HasReason("invoice.too_many_lines"));
}

TEST(UsageBillingTest, FinalUsageCoversThePeriodOfCancellation) {
  Fixture f;
  EXPECT_FALSE(FinalUsagePeriods(f.sub, f.tz).has_value());  // active
  f.sub.status = SubscriptionStatus::kCanceled;
  // Billed through period 2 (Mar), canceled on Mar 10: March's usage is left.
  f.sub.next_period_index = 3;
  f.sub.canceled_at = absl::FromCivil(absl::CivilSecond(2026, 3, 10, 12, 0, 0), f.tz);
  std::optional<FinalUsage> fu = FinalUsagePeriods(f.sub, f.tz);
  ASSERT_TRUE(fu.has_value());
  EXPECT_EQ(fu->first_period, 2);
  EXPECT_EQ(fu->last_period, 2);
  EXPECT_EQ(fu->billing_index, 3);
  EXPECT_EQ(fu->due_at, absl::FromCivil(absl::CivilSecond(2026, 4, 1, 0, 0, 0), f.tz));
  Invoice final_draft = BuildFinalUsageInvoice(f.sub, f.plan, f.customer, *fu, f.tz, 30,
                                               InvoiceId(f.ids.Next(f.now)), f.now);
  EXPECT_TRUE(final_draft.lines.empty());
  EXPECT_EQ(*final_draft.period_index, 3);
  EXPECT_EQ(*final_draft.period_start,
            absl::FromCivil(absl::CivilSecond(2026, 3, 1, 0, 0, 0), f.tz));
  // Once the final invoice moved the position to 4 nothing is left.
  f.sub.next_period_index = 4;
  EXPECT_FALSE(FinalUsagePeriods(f.sub, f.tz).has_value());
}

TEST(UsageBillingTest, FinalUsageOfANeverBilledSubscriptionStartsAtPeriodZero) {
  Fixture f;
  f.sub.status = SubscriptionStatus::kCanceled;
  f.sub.next_period_index = 0;
  f.sub.canceled_at = absl::FromCivil(absl::CivilSecond(2026, 2, 3, 0, 0, 0), f.tz);
  std::optional<FinalUsage> fu = FinalUsagePeriods(f.sub, f.tz);
  ASSERT_TRUE(fu.has_value());
  EXPECT_EQ(fu->first_period, 0);
  EXPECT_EQ(fu->last_period, 1);
  // Canceled before it started: nothing.
  f.sub.canceled_at = absl::FromCivil(absl::CivilSecond(2025, 12, 3, 0, 0, 0), f.tz);
  EXPECT_FALSE(FinalUsagePeriods(f.sub, f.tz).has_value());
}

}  // namespace
}  // namespace accrue
