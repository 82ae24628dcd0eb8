#include "accrue/domain/ledger/revenue_schedule.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "accrue/money/decimal.h"
#include "testing/status_matchers.h"

namespace accrue::ledger {
namespace {

int64_t Sum(const std::vector<MonthAmount>& parts) {
  int64_t s = 0;
  for (const MonthAmount& p : parts) s += p.amount_minor;
  return s;
}

TEST(RevenueScheduleTest, TwelveThousandForACalendarYearIsExactlyOneThousandAMonth) {
  std::vector<MonthAmount> parts =
      SplitOverPeriod(1'200'000, absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1));
  ASSERT_EQ(parts.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(parts[static_cast<size_t>(i)].month, absl::CivilMonth(2026, 1 + i));
    EXPECT_EQ(parts[static_cast<size_t>(i)].amount_minor, 100'000);
  }
  // By day, February would get 28/365 of it: the by-month rule exists for this.
  EXPECT_EQ(ChooseSplitRule(absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1)),
            SplitRule::kByMonth);
}

TEST(RevenueScheduleTest, WholeMonthsRemainderLandsInTheLastMonth) {
  std::vector<MonthAmount> parts =
      SplitOverPeriod(200, absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(parts, (std::vector<MonthAmount>{{absl::CivilMonth(2026, 1), 66},
                                             {absl::CivilMonth(2026, 2), 66},
                                             {absl::CivilMonth(2026, 3), 68}}));
}

TEST(RevenueScheduleTest, AnniversaryPeriodSplitsByDay) {
  // Jan 15 - Feb 14: 17 days in January, 14 in February.
  EXPECT_EQ(ChooseSplitRule(absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 2, 15)),
            SplitRule::kByDay);
  std::vector<MonthAmount> parts =
      SplitOverPeriod(3100, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 2, 15));
  EXPECT_EQ(parts, (std::vector<MonthAmount>{{absl::CivilMonth(2026, 1), 1700},
                                             {absl::CivilMonth(2026, 2), 1400}}));
  // 4900 over 31 days: floor(4900*17/31) = 2687, the rest in February.
  parts = SplitOverPeriod(4900, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 2, 15));
  EXPECT_EQ(parts[0].amount_minor, 2687);
  EXPECT_EQ(parts[1].amount_minor, 2213);
}

TEST(RevenueScheduleTest, OneMonthPeriodStaysInItsMonth) {
  std::vector<MonthAmount> parts =
      SplitOverPeriod(4900, absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(parts, (std::vector<MonthAmount>{{absl::CivilMonth(2026, 2), 4900}}));
  // A leap-year February by day: Feb 15 - Mar 15 2028 has 15 + 14 days.
  parts = SplitOverPeriod(2900, absl::CivilDay(2028, 2, 15), absl::CivilDay(2028, 3, 15));
  EXPECT_EQ(parts[0].amount_minor, 1500);
  EXPECT_EQ(parts[1].amount_minor, 1400);
}

TEST(RevenueScheduleTest, NegativeAmountsMirrorPositiveOnes) {
  std::vector<MonthAmount> pos =
      SplitOverPeriod(4900, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 4, 2));
  std::vector<MonthAmount> neg =
      SplitOverPeriod(-4900, absl::CivilDay(2026, 1, 15), absl::CivilDay(2026, 4, 2));
  ASSERT_EQ(pos.size(), neg.size());
  for (size_t i = 0; i < pos.size(); ++i) EXPECT_EQ(neg[i].amount_minor, -pos[i].amount_minor);
}

TEST(RevenueScheduleTest, DegeneratePeriodIsOneDay) {
  std::vector<MonthAmount> parts =
      SplitOverPeriod(500, absl::CivilDay(2026, 3, 31), absl::CivilDay(2026, 3, 31));
  EXPECT_EQ(parts, (std::vector<MonthAmount>{{absl::CivilMonth(2026, 3), 500}}));
}

TEST(RevenueScheduleTest, RandomSplitsSumExactlyAndNeverRecognizeEarly) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) {
    const int64_t amount = static_cast<int64_t>(rng() % 10'000'000'000ULL);
    const absl::CivilDay start = absl::CivilDay(2024, 1, 1) + static_cast<int64_t>(rng() % 1500);
    const absl::CivilDay end = start + 1 + static_cast<int64_t>(rng() % 1100);
    std::vector<MonthAmount> parts = SplitOverPeriod(amount, start, end);
    ASSERT_EQ(Sum(parts), amount);
    // Every month but the last gets at most its exact share.
    const int64_t days = end - start;
    int64_t before = 0;
    for (size_t k = 0; k + 1 < parts.size(); ++k) {
      const absl::CivilDay to = std::min(end, absl::CivilDay(parts[k].month + 1));
      const absl::CivilDay from = std::max(start, absl::CivilDay(parts[k].month));
      if (ChooseSplitRule(start, end) == SplitRule::kByDay) {
        ASSERT_LE(static_cast<Int128>(parts[k].amount_minor) * days,
                  static_cast<Int128>(amount) * (to - from));
      }
      before += parts[k].amount_minor;
      ASSERT_GE(parts[k].amount_minor, 0);
    }
    ASSERT_LE(before, amount);
  }
}

TEST(RevenueScheduleTest, MonthsParseAndFormat) {
  ASSERT_OK_AND_ASSIGN(absl::CivilMonth m, ParseMonth("2026-03"));
  EXPECT_EQ(m, absl::CivilMonth(2026, 3));
  EXPECT_EQ(FormatMonth(m), "2026-03");
  EXPECT_EQ(MonthFromKey(MonthKey(m)), m);
  EXPECT_EQ(MonthKey(m), 202603);
  EXPECT_EQ(LastDayOf(absl::CivilMonth(2028, 2)), absl::CivilDay(2028, 2, 29));
  for (const char* bad : {"2026-3", "2026-13", "2026-00", "26-03", "2026/03", "2026-03-01", ""}) {
    EXPECT_THAT(ParseMonth(bad), testing::HasReason("month.malformed")) << bad;
  }
}

}  // namespace
}  // namespace accrue::ledger
