#include "accrue/domain/proration/factor.h"

#include <gtest/gtest.h>

#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;

Decimal D(std::string_view text) { return *Decimal::Parse(text); }
Currency C(std::string_view code) { return Currency::FromCodeOrDie(code); }

ProrationFactor F(int64_t used, int64_t total, ProrationUnit unit = ProrationUnit::kSecond) {
  return ProrationFactor{unit, used, total};
}

int64_t Minor(std::string_view price, std::string_view quantity, ProrationFactor f,
              std::string_view currency, RoundingMode mode) {
  Result<Money> m = ProratedAmount(D(price), D(quantity), f, C(currency), mode);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? m->minor_units() : -999999;
}

TEST(ProrationFactorTest, UnitNamesRoundTrip) {
  for (ProrationUnit u : {ProrationUnit::kSecond, ProrationUnit::kDay}) {
    ASSERT_OK_AND_ASSIGN(ProrationUnit parsed, ParseProrationUnit(ProrationUnitName(u)));
    EXPECT_EQ(parsed, u);
  }
  EXPECT_THAT(ParseProrationUnit("hour"), HasReason("proration.unit_unknown"));
  EXPECT_THAT(ParseProrationUnit("Day"), HasReason("proration.unit_unknown"));
}

TEST(ProrationFactorTest, ToDecimalRoundsOnceFromTheIntegers) {
  EXPECT_EQ(F(14, 31).ToDecimal(9, RoundingMode::kHalfUp), D("0.451612903"));
  EXPECT_EQ(F(1, 3).ToDecimal(12, RoundingMode::kHalfUp), D("0.333333333333"));
  EXPECT_EQ(F(2, 3).ToDecimal(2, RoundingMode::kDown), D("0.66"));
  EXPECT_EQ(F(2, 3).ToDecimal(2, RoundingMode::kUp), D("0.67"));
  // An exact tie at the last digit: 1/8 = 0.125.
  EXPECT_EQ(F(1, 8).ToDecimal(2, RoundingMode::kHalfUp), D("0.13"));
  EXPECT_EQ(F(1, 8).ToDecimal(2, RoundingMode::kHalfEven), D("0.12"));
  EXPECT_EQ(F(1, 8).ToDecimal(2, RoundingMode::kHalfDown), D("0.12"));
  // Just below a tie must not be pushed over it (no double rounding through 12 places):
  // 499999999999999/1000000000000000 is 0.4999... and rounds to 0 at zero places.
  EXPECT_EQ(F(499999999999999, 1000000000000000).ToDecimal(0, RoundingMode::kHalfUp), D("0"));
  EXPECT_EQ(F(31, 31).ToDecimal(9, RoundingMode::kHalfUp), D("1"));
  EXPECT_EQ(F(0, 31).ToDecimal(9, RoundingMode::kHalfUp), D("0"));
  EXPECT_EQ(F(14, 28, ProrationUnit::kDay).ToString(), "14/28 d");
  EXPECT_EQ(F(3, 4).ToString(), "3/4 s");
}

TEST(ProrationFactorTest, SecondsFollowTheZoneAcrossDst) {
  ASSERT_OK_AND_ASSIGN(absl::TimeZone berlin, LoadTimeZone("Europe/Berlin"));
  const BillingCycle cycle{absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1};
  const Period march = PeriodAt(cycle, 0, berlin);
  const absl::Time dst_day = StartOfLocalDay(absl::CivilDay(2026, 3, 29), berlin);
  const absl::Time next_day = StartOfLocalDay(absl::CivilDay(2026, 3, 30), berlin);
  // The spring-forward day lasts 23 hours in seconds mode and one day in day mode.
  ASSERT_OK_AND_ASSIGN(ProrationFactor s,
                       FactorWithin(march, dst_day, next_day, ProrationUnit::kSecond, berlin));
  EXPECT_EQ(s, F(23 * 3600, 31 * 86400 - 3600));
  ASSERT_OK_AND_ASSIGN(ProrationFactor d,
                       FactorWithin(march, dst_day, next_day, ProrationUnit::kDay, berlin));
  EXPECT_EQ(d, F(1, 31, ProrationUnit::kDay));

  const BillingCycle october{absl::CivilDay(2026, 10, 1), IntervalUnit::kMonth, 1};
  const Period oct = PeriodAt(october, 0, berlin);
  const absl::Time fall_day = StartOfLocalDay(absl::CivilDay(2026, 10, 25), berlin);
  ASSERT_OK_AND_ASSIGN(ProrationFactor fall, FactorWithin(oct, fall_day, fall_day + absl::Hours(25),
                                                          ProrationUnit::kSecond, berlin));
  EXPECT_EQ(fall, F(25 * 3600, 31 * 86400 + 3600));
}

TEST(ProrationFactorTest, DayModeCountsTheDayOfTheChangeAsUsedByTheNewTerms) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const BillingCycle cycle{absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1};
  const Period jan = PeriodAt(cycle, 0, utc);
  const absl::Time afternoon = absl::FromCivil(absl::CivilSecond(2026, 1, 15, 14, 30, 0), utc);
  ASSERT_OK_AND_ASSIGN(ProrationFactor rest,
                       FactorWithin(jan, afternoon, jan.end, ProrationUnit::kDay, utc));
  EXPECT_EQ(rest, F(17, 31, ProrationUnit::kDay));  // Jan 15..31
}

TEST(ProrationFactorTest, SecondsTruncateSubSecondInstants) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const Period april = PeriodAt({absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1}, 0, utc);
  const absl::Time half = StartOfLocalDay(absl::CivilDay(2026, 4, 16), utc);
  ASSERT_OK_AND_ASSIGN(ProrationFactor f, FactorWithin(april, half + absl::Milliseconds(700),
                                                       april.end, ProrationUnit::kSecond, utc));
  EXPECT_EQ(f, F(15 * 86400, 30 * 86400));
}

TEST(ProrationFactorTest, OutsideThePeriodIsAnError) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const Period april = PeriodAt({absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1}, 0, utc);
  for (ProrationUnit unit : {ProrationUnit::kSecond, ProrationUnit::kDay}) {
    EXPECT_THAT(FactorWithin(april, april.start - absl::Seconds(1), april.end, unit, utc),
                HasReason("proration.outside_period"));
    EXPECT_THAT(FactorWithin(april, april.start, april.end + absl::Seconds(1), unit, utc),
                HasParam("at"));
    EXPECT_THAT(FactorWithin(april, april.end, april.start, unit, utc),
                HasReason("proration.outside_period"));
  }
}

TEST(ProratedAmountTest, RoundsOnceToTheMinorUnitWithTheNamedMode) {
  // 0.05 EUR × 15/30 = 0.025: a tie at the cent.
  EXPECT_EQ(Minor("0.05", "1", F(15, 30), "EUR", RoundingMode::kHalfUp), 3);
  EXPECT_EQ(Minor("0.05", "1", F(15, 30), "EUR", RoundingMode::kHalfEven), 2);
  EXPECT_EQ(Minor("0.05", "1", F(15, 30), "EUR", RoundingMode::kHalfDown), 2);
  EXPECT_EQ(Minor("0.05", "1", F(15, 30), "EUR", RoundingMode::kDown), 2);
  EXPECT_EQ(Minor("-0.05", "1", F(15, 30), "EUR", RoundingMode::kHalfUp), -3);
  EXPECT_EQ(Minor("-0.05", "1", F(15, 30), "EUR", RoundingMode::kFloor), -3);
  EXPECT_EQ(Minor("-0.05", "1", F(15, 30), "EUR", RoundingMode::kCeiling), -2);
  // Whole periods multiply without a factor.
  EXPECT_EQ(Minor("29.99", "3", F(31, 31), "EUR", RoundingMode::kHalfUp), 8997);
  // Per-line rounding of a sub-cent unit price × many seats: 0.0049 × 1000 × 1/2 = 2.45 exactly.
  EXPECT_EQ(Minor("0.0049", "1000", F(1, 2), "EUR", RoundingMode::kHalfUp), 245);
}

TEST(ProratedAmountTest, InexactQuotientsNextToATieRoundAsTheExactValue) {
  // 1 EUR × 1/3 = 0.3333…: below half a cent beyond 33, so 33 in every half mode.
  EXPECT_EQ(Minor("1", "1", F(1, 3), "EUR", RoundingMode::kHalfUp), 33);
  EXPECT_EQ(Minor("1", "1", F(1, 3), "EUR", RoundingMode::kUp), 34);
  // 0.01 EUR × 1000000001/2000000000 is above 0.005 and 999999999/2000000000 below it.
  EXPECT_EQ(Minor("0.01", "1", F(1000000001, 2000000000), "EUR", RoundingMode::kHalfDown), 1);
  EXPECT_EQ(Minor("0.01", "1", F(999999999, 2000000000), "EUR", RoundingMode::kHalfUp), 0);
  // Exactly on a cent from an inexact step: 0.03 × 1/3 = 0.01 exactly, whatever the mode.
  EXPECT_EQ(Minor("0.03", "1", F(1, 3), "EUR", RoundingMode::kUp), 1);
  EXPECT_EQ(Minor("0.03", "1", F(1, 3), "EUR", RoundingMode::kDown), 1);
  // The hard case: the truncated quotient lands exactly on a tie (or a whole cent) and only the
  // dropped remainder, a third of 10^-24 EUR, says which side the exact value is on.
  // (15·10^21 + 1)·10^-24 / 3 = 0.005 + 1/3·10^-24 EUR: above the tie.
  const std::string_view tiny = "0.000000000001";
  EXPECT_EQ(Minor("15000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kHalfDown), 1);
  EXPECT_EQ(Minor("15000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kHalfEven), 1);
  EXPECT_EQ(Minor("-15000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kHalfDown), -1);
  // (3·10^22 + 1)·10^-24 / 3 = 0.01 + 1/3·10^-24 EUR: above a whole cent.
  EXPECT_EQ(Minor("30000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kUp), 2);
  EXPECT_EQ(Minor("30000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kDown), 1);
  EXPECT_EQ(Minor("30000000000.000000000001", tiny, F(1, 3), "EUR", RoundingMode::kHalfUp), 1);
}

TEST(ProratedAmountTest, ZeroAndThreeDecimalCurrencies) {
  // JPY has no minor unit: 1000 × 21/31 = 677.419… yen.
  EXPECT_EQ(Minor("1000", "1", F(21, 31), "JPY", RoundingMode::kHalfUp), 677);
  EXPECT_EQ(Minor("1000", "1", F(21, 31), "JPY", RoundingMode::kUp), 678);
  // KWD has three: 9.995 × 21/31 = 6.77080… → 6.771.
  EXPECT_EQ(Minor("9.995", "1", F(21, 31), "KWD", RoundingMode::kHalfUp), 6771);
}

TEST(ProratedAmountTest, LargeValuesStayExactOrFailCleanly) {
  // 10^13 EUR × 2,678,399/2,678,400 needs more than 128 bits in the middle.
  EXPECT_EQ(Minor("10000000000000", "1", F(2678399, 2678400), "EUR", RoundingMode::kHalfUp),
            999999626642772);
  EXPECT_THAT(
      ProratedAmount(D("1000000000000000"), D("1000"), F(1, 2), C("EUR"), RoundingMode::kHalfUp),
      HasReason("amount.overflow"));
}

}  // namespace
}  // namespace accrue
