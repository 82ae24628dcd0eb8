#include "accrue/domain/ledger/reporting.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::ledger {
namespace {

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kUsd = Currency::FromCodeOrDie("USD");

TEST(TrialBalanceTest, NetsEachAccountOnOneSideAndBalancesPerCurrency) {
  TrialBalance tb = BuildTrialBalance(absl::CivilDay(2026, 3, 31), {{"1100", kEur, 10000, 2000},
                                                                    {"2100", kEur, 3000, 9000},
                                                                    {"4000-pro", kEur, 0, 2000},
                                                                    {"1100", kUsd, 500, 0},
                                                                    {"4000", kUsd, 0, 500}});
  ASSERT_EQ(tb.rows.size(), 5u);
  EXPECT_EQ(tb.rows[0].account.code, "1100");
  EXPECT_EQ(tb.rows[0].debit_minor, 8000);
  EXPECT_EQ(tb.rows[2].account.code, "2100");
  EXPECT_EQ(tb.rows[2].credit_minor, 6000);
  EXPECT_TRUE(tb.balanced);
  ASSERT_EQ(tb.totals.size(), 2u);
  EXPECT_EQ(tb.totals[0].currency, kEur);
  EXPECT_EQ(tb.totals[0].debit_minor, 8000);
  EXPECT_EQ(tb.totals[0].credit_minor, 8000);
  TrialBalance off = BuildTrialBalance(absl::CivilDay(2026, 3, 31), {{"1100", kEur, 1, 0}});
  EXPECT_FALSE(off.balanced);
}

TEST(TrialBalanceTest, TranslationUsesClosingRateForBalanceSheetAndDailyRateOtherwise) {
  // 100.00 USD invoiced on Mar 2 at 1 EUR = 1.25 USD (80.00 EUR), closing rate 1 EUR = 1.00 USD.
  RateTable rates({{kUsd, absl::CivilDay(2026, 3, 2), *Decimal::Parse("1.25")},
                   {kUsd, absl::CivilDay(2026, 3, 31), *Decimal::Parse("1.00")}});
  std::vector<DailyTotals> days{
      {absl::CivilDay(2026, 3, 2), EntryKind::kInvoiceFinalized, {"1100", kUsd, 10000, 0}},
      {absl::CivilDay(2026, 3, 2), EntryKind::kInvoiceFinalized, {"4000", kUsd, 0, 10000}},
      {absl::CivilDay(2026, 3, 2), EntryKind::kInvoiceFinalized, {"1100", kEur, 700, 0}},
      {absl::CivilDay(2026, 3, 2), EntryKind::kInvoiceFinalized, {"4000", kEur, 0, 700}},
  };
  ASSERT_OK_AND_ASSIGN(TrialBalance tb,
                       TranslateTrialBalance(absl::CivilDay(2026, 3, 31), days, rates, kEur));
  ASSERT_TRUE(tb.reporting_currency.has_value());
  EXPECT_TRUE(tb.balanced);
  std::map<std::string, TrialBalanceRow> by;
  for (const TrialBalanceRow& r : tb.rows) by[r.account.code] = r;
  EXPECT_EQ(by["1100"].debit_minor, 10700);  // 100 USD at the closing rate + 7 EUR
  EXPECT_EQ(by["4000"].credit_minor, 8700);  // 100 USD at the day's rate + 7 EUR
  EXPECT_EQ(by["3900"].credit_minor, 2000);  // the receivable gained 20 EUR in translation
  EXPECT_THAT(TranslateTrialBalance(absl::CivilDay(2026, 3, 31), days, RateTable(), kEur),
              testing::HasReason("fx.rate_missing"));
}

TEST(AgingTest, BucketsByDaysPastDue) {
  const absl::CivilDay as_of(2026, 6, 30);
  EXPECT_EQ(BucketFor(as_of + 5, as_of), AgingBucket::kCurrent);
  EXPECT_EQ(BucketFor(as_of, as_of), AgingBucket::kCurrent);
  EXPECT_EQ(BucketFor(as_of - 1, as_of), AgingBucket::kDays1To30);
  EXPECT_EQ(BucketFor(as_of - 30, as_of), AgingBucket::kDays1To30);
  EXPECT_EQ(BucketFor(as_of - 31, as_of), AgingBucket::kDays31To60);
  EXPECT_EQ(BucketFor(as_of - 60, as_of), AgingBucket::kDays31To60);
  EXPECT_EQ(BucketFor(as_of - 61, as_of), AgingBucket::kDays61To90);
  EXPECT_EQ(BucketFor(as_of - 90, as_of), AgingBucket::kDays61To90);
  EXPECT_EQ(BucketFor(as_of - 91, as_of), AgingBucket::kOver90);
  // The boundaries the store uses agree with BucketFor.
  auto b = AgingBoundaries(as_of);
  EXPECT_EQ(BucketFor(b[0], as_of), AgingBucket::kDays1To30);
  EXPECT_EQ(BucketFor(b[1], as_of), AgingBucket::kDays31To60);
  EXPECT_EQ(BucketFor(b[2], as_of), AgingBucket::kDays61To90);
  EXPECT_EQ(BucketFor(b[2] - 1, as_of), AgingBucket::kOver90);
}

TEST(AgingTest, FinishSortsAndTotalsPerCurrency) {
  UuidV7Generator ids(1);
  AgingRow a{CustomerId(ids.Next(absl::UnixEpoch())), "Zeta", kEur, {100, 0, 0, 0, 50}, 150};
  AgingRow b{CustomerId(ids.Next(absl::UnixEpoch())), "Alpha", kEur, {0, 10, 0, 0, 0}, 10};
  AgingReport r = FinishAging(absl::CivilDay(2026, 6, 30), {a, b});
  EXPECT_EQ(r.rows[0].customer_name, "Alpha");
  ASSERT_EQ(r.totals.size(), 1u);
  EXPECT_EQ(r.totals[0].buckets_minor, (std::array<int64_t, 5>{100, 10, 0, 0, 50}));
  EXPECT_EQ(r.totals[0].total_minor, 160);
}

TEST(DsoTest, ReceivableOverSalesTimesDays) {
  EXPECT_EQ(DaysSalesOutstanding(50000, 150000, 90)->ToString(), "30");
  EXPECT_EQ(DaysSalesOutstanding(10000, 30000, 31)->ToString(), "10.3");
  EXPECT_FALSE(DaysSalesOutstanding(10000, 0, 90).has_value());
}

TEST(MrrTest, NormalizesIntervalsToAMonthExactly) {
  EXPECT_EQ(MonthlyAmount(Money::FromMinor(1200000, kEur), IntervalUnit::kYear, 1).ToString(),
            "1000");
  EXPECT_EQ(MonthlyAmount(Money::FromMinor(9900, kEur), IntervalUnit::kQuarter, 1).ToString(),
            "33");
  EXPECT_EQ(MonthlyAmount(Money::FromMinor(1000, kEur), IntervalUnit::kWeek, 1).ToString(),
            "43.333333333333");
  EXPECT_EQ(MonthlyAmount(Money::FromMinor(4900, kEur), IntervalUnit::kMonth, 2).ToString(),
            "24.5");
}

TEST(MrrTest, ClassifiesMovements) {
  UuidV7Generator ids(1);
  auto id = [&] { return CustomerId(ids.Next(absl::UnixEpoch())); };
  const CustomerId stays = id(), grows = id(), shrinks = id(), leaves = id(), returns = id(),
                   arrives = id();
  auto sub = [](CustomerId c, int64_t minor, IntervalUnit unit, absl::CivilDay start,
                std::optional<absl::CivilDay> cancel = std::nullopt) {
    return MrrSubscription{c, Money::FromMinor(minor, kEur), unit, 1, start, cancel};
  };
  std::vector<MrrSubscription> subs{
      sub(stays, 1000, IntervalUnit::kMonth, absl::CivilDay(2026, 1, 10)),
      sub(grows, 1000, IntervalUnit::kMonth, absl::CivilDay(2026, 1, 10)),
      sub(grows, 1000, IntervalUnit::kMonth, absl::CivilDay(2026, 3, 5)),
      sub(shrinks, 3000, IntervalUnit::kMonth, absl::CivilDay(2026, 1, 10),
          absl::CivilDay(2026, 3, 1)),
      sub(shrinks, 1000, IntervalUnit::kMonth, absl::CivilDay(2026, 1, 10)),
      sub(leaves, 12000, IntervalUnit::kYear, absl::CivilDay(2026, 1, 10),
          absl::CivilDay(2026, 3, 31)),
      sub(returns, 500, IntervalUnit::kMonth, absl::CivilDay(2025, 12, 1),
          absl::CivilDay(2026, 1, 15)),
      sub(returns, 700, IntervalUnit::kMonth, absl::CivilDay(2026, 3, 2)),
      sub(arrives, 2000, IntervalUnit::kMonth, absl::CivilDay(2026, 3, 31)),
  };
  std::vector<MrrMonth> months =
      ComputeMrr(subs, absl::CivilMonth(2026, 3), absl::CivilMonth(2026, 3));
  ASSERT_EQ(months.size(), 1u);
  ASSERT_EQ(months[0].by_currency.size(), 1u);
  const MrrMovement& m = months[0].by_currency[0];
  // End of February: stays 10, grows 10, shrinks 40, leaves 10 = 70.00.
  EXPECT_EQ(m.opening_minor, 7000);
  EXPECT_EQ(m.new_minor, 2000);          // arrives
  EXPECT_EQ(m.reactivation_minor, 700);  // returns (paid at the end of December)
  EXPECT_EQ(m.expansion_minor, 1000);    // grows
  EXPECT_EQ(m.contraction_minor, 3000);  // shrinks
  EXPECT_EQ(m.churn_minor, 1000);        // leaves
  EXPECT_EQ(m.closing_minor, 7000 + 2000 + 700 + 1000 - 3000 - 1000);
  EXPECT_EQ(m.arr_minor, m.closing_minor * 12);
  EXPECT_EQ(m.customers, 5);
}

}  // namespace
}  // namespace accrue::ledger
