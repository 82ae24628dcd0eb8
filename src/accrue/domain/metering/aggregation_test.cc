#include "accrue/domain/metering/aggregation.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

absl::Time T(int64_t day, int64_t hour = 0) {
  // 2026-04-01T00:00:00Z + day days + hour hours.
  return absl::FromUnixSeconds(1775001600) + absl::Hours(24 * day + hour);
}

AggregateState FoldAll(Aggregation a, const std::vector<std::pair<std::string, int64_t>>& values) {
  AggregateState s;
  int64_t seq = 0;
  for (const auto& [v, hour] : values) {
    EXPECT_TRUE(FoldEvent(a, s, D(v), T(0, hour), ++seq).ok());
  }
  return s;
}

TEST(FoldEventTest, CountIgnoresValues) {
  AggregateState s = FoldAll(Aggregation::kCount, {{"5", 0}, {"-1", 1}, {"0", 2}});
  EXPECT_EQ(s.quantity, D("3"));
  EXPECT_EQ(s.event_count, 3);
}

TEST(FoldEventTest, SumIsExactWithNegativesAndLargeValues) {
  AggregateState s = FoldAll(Aggregation::kSum, {{"0.1", 0}, {"0.2", 1}, {"-0.3", 2}});
  EXPECT_EQ(s.quantity, D("0"));  // a double would give 5.55e-17
  s = FoldAll(Aggregation::kSum, {{"99999999999999999999.999999999999", 0}, {"1", 1}});
  EXPECT_EQ(s.quantity.ToString(), "100000000000000000000.999999999999");
  s = FoldAll(Aggregation::kSum, {{"-12.5", 0}, {"2.25", 1}});
  EXPECT_EQ(s.quantity, D("-10.25"));
}

TEST(FoldEventTest, SumOverflowIsAnError) {
  AggregateState s;
  ASSERT_TRUE(FoldEvent(Aggregation::kSum, s, Decimal::Max(), T(0), 1).ok());
  EXPECT_THAT(FoldEvent(Aggregation::kSum, s, D("1"), T(0), 2),
              testing::HasReason("decimal.overflow"));
}

TEST(FoldEventTest, MaxStartsFromTheFirstValueEvenWhenNegative) {
  EXPECT_EQ(FoldAll(Aggregation::kMax, {{"-5", 0}, {"-7", 1}}).quantity, D("-5"));
  EXPECT_EQ(FoldAll(Aggregation::kMax, {{"3", 0}, {"10.5", 1}, {"4", 2}}).quantity, D("10.5"));
}

TEST(FoldEventTest, LatestGoesByTimestampNotArrival) {
  // Arrival order: 10 at 05:00, 20 at 01:00, 30 at 03:00: the latest by time is 10.
  AggregateState s = FoldAll(Aggregation::kLatest, {{"10", 5}, {"20", 1}, {"30", 3}});
  EXPECT_EQ(s.quantity, D("10"));
  EXPECT_EQ(s.latest_timestamp, T(0, 5));
}

TEST(FoldEventTest, LatestTieOnTimestampGoesToTheLaterSequence) {
  AggregateState s;
  ASSERT_TRUE(FoldEvent(Aggregation::kLatest, s, D("1"), T(0), 7).ok());
  ASSERT_TRUE(FoldEvent(Aggregation::kLatest, s, D("2"), T(0), 8).ok());
  ASSERT_TRUE(FoldEvent(Aggregation::kLatest, s, D("3"), T(0), 6).ok());
  EXPECT_EQ(s.quantity, D("2"));
}

TEST(FoldEventTest, UniqueCountCountsOnlyNewValues) {
  AggregateState s;
  ASSERT_TRUE(FoldEvent(Aggregation::kUniqueCount, s, {}, T(0), 1, true).ok());
  ASSERT_TRUE(FoldEvent(Aggregation::kUniqueCount, s, {}, T(0), 2, false).ok());
  ASSERT_TRUE(FoldEvent(Aggregation::kUniqueCount, s, {}, T(0), 3, true).ok());
  EXPECT_EQ(s.quantity, D("2"));
  EXPECT_EQ(s.event_count, 3);
}

TEST(MergeStatesTest, MergesEachAggregation) {
  AggregateState a{D("5"), 2, T(0, 1), 1};
  AggregateState b{D("-7"), 3, T(0, 2), 9};
  EXPECT_EQ(MergeStates(Aggregation::kSum, a, b)->quantity, D("-2"));
  EXPECT_EQ(MergeStates(Aggregation::kSum, a, b)->event_count, 5);
  EXPECT_EQ(MergeStates(Aggregation::kCount, a, b)->quantity, D("-2"));
  EXPECT_EQ(MergeStates(Aggregation::kMax, a, b)->quantity, D("5"));
  EXPECT_EQ(MergeStates(Aggregation::kLatest, a, b)->quantity, D("-7"));
  EXPECT_EQ(MergeStates(Aggregation::kLatest, b, a)->quantity, D("-7"));  // b is later either way
}

TEST(MergeStatesTest, AnEmptySideLeavesTheOther) {
  AggregateState a{D("-3"), 1, T(0), 1};
  EXPECT_EQ(MergeStates(Aggregation::kMax, AggregateState{}, a)->quantity, D("-3"));
  EXPECT_EQ(MergeStates(Aggregation::kMax, a, AggregateState{})->quantity, D("-3"));
}

TEST(MergeStatesTest, OverflowIsAnError) {
  AggregateState a{Decimal::Max(), 1, T(0), 1};
  EXPECT_THAT(MergeStates(Aggregation::kSum, a, a).status(),
              testing::HasReason("decimal.overflow"));
}

TEST(WeightedSumTest, HalfAMonthAtTenThenTwenty) {
  // 30-day period; 10 from day 0, 20 from day 15: (10×15 + 20×15) / 30 = 15.
  std::vector<LevelPoint> points = {{T(0), 1, D("10")}, {T(15), 2, D("20")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(30), T(30)), D("15"));
}

TEST(WeightedSumTest, LevelCarriesOverFromThePreviousPeriod) {
  // Set to 8 on day -3 (previous period), to 2 on day 10 of a 20-day period: (8×10 + 2×10)/20.
  std::vector<LevelPoint> points = {{T(-3), 1, D("8")}, {T(10), 2, D("2")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(20), T(20)), D("5"));
}

TEST(WeightedSumTest, NoLevelBeforeTheFirstChange) {
  // Level 0 until day 5 of 10, then 3: 3×5/10.
  std::vector<LevelPoint> points = {{T(5), 1, D("3")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(10), T(10)), D("1.5"));
  EXPECT_EQ(*WeightedSum({}, T(0), T(10), T(10)), D("0"));
}

TEST(WeightedSumTest, SeveralChangesAtOneInstantLastWins) {
  std::vector<LevelPoint> points = {{T(0), 1, D("100")}, {T(0), 2, D("4")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(10), T(10)), D("4"));
}

TEST(WeightedSumTest, ChangesAfterThePeriodDoNotCount) {
  std::vector<LevelPoint> points = {{T(0), 1, D("6")}, {T(10), 2, D("1000")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(10), T(10)), D("6"));
}

TEST(WeightedSumTest, UntilClipsButDividesByTheWholePeriod) {
  std::vector<LevelPoint> points = {{T(0), 1, D("10")}};
  EXPECT_EQ(*WeightedSum(points, T(0), T(10), T(4)), D("4"));
}

TEST(WeightedSumTest, ExactToTheMicrosecond) {
  // One microsecond at level 1 in a one-second period: 0.000001.
  const absl::Time start = T(0);
  std::vector<LevelPoint> points = {{start, 1, D("1")}, {start + absl::Microseconds(1), 2, D("0")}};
  EXPECT_EQ(*WeightedSum(points, start, start + absl::Seconds(1), start + absl::Seconds(1)),
            D("0.000001"));
}

}  // namespace
}  // namespace accrue
