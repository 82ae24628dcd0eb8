#include "accrue/time/billing_period.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;

// Transition instants quoted below are from `zdump -v` against tzdata 2025b.

absl::Time Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                         absl::UTCTimeZone());
}

absl::TimeZone Zone(std::string_view name) {
  Result<absl::TimeZone> tz = LoadTimeZone(name);
  EXPECT_OK(tz);
  return tz.ok() ? *tz : absl::UTCTimeZone();
}

BillingCycle Cycle(absl::CivilDay anchor, IntervalUnit unit, int count = 1) {
  BillingCycle cycle;
  cycle.anchor = anchor;
  cycle.unit = unit;
  cycle.count = count;
  return cycle;
}

// Start days of periods 0..n-1, formatted, so a failure shows the whole sequence.
std::vector<std::string> StartDays(const BillingCycle& cycle, int n) {
  std::vector<std::string> days;
  for (int i = 0; i < n; ++i) days.push_back(FormatDate(PeriodStartDay(cycle, i)));
  return days;
}

absl::Duration Length(const Period& p) { return p.end - p.start; }

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kNano = absl::Nanoseconds(1);

TEST(IntervalUnitTest, NamesRoundTrip) {
  for (IntervalUnit unit : {IntervalUnit::kDay, IntervalUnit::kWeek, IntervalUnit::kMonth,
                            IntervalUnit::kQuarter, IntervalUnit::kYear}) {
    ASSERT_OK_AND_ASSIGN(IntervalUnit parsed, ParseIntervalUnit(IntervalUnitName(unit)));
    EXPECT_EQ(parsed, unit);
  }
  EXPECT_EQ(IntervalUnitName(IntervalUnit::kQuarter), "quarter");
  EXPECT_EQ(IntervalUnitName(IntervalUnit::kDay), "day");
}

TEST(IntervalUnitTest, RejectsOtherSpellings) {
  for (const char* name : {"", "Month", "months", "monthly", "fortnight", " month", "yr"}) {
    Result<IntervalUnit> unit = ParseIntervalUnit(name);
    EXPECT_THAT(unit, testing::StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(unit, HasReason("interval.unknown")) << name;
  }
}

TEST(ValidateBillingCycleTest, EnforcesTheDocumentedBounds) {
  EXPECT_OK(ValidateBillingCycle(Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth)));
  EXPECT_OK(ValidateBillingCycle(Cycle(absl::CivilDay(1900, 1, 1), IntervalUnit::kDay, 1000)));
  EXPECT_OK(ValidateBillingCycle(Cycle(absl::CivilDay(9999, 12, 31), IntervalUnit::kYear)));
  for (int count : {0, -1, 1001}) {
    Status s = ValidateBillingCycle(Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, count));
    EXPECT_THAT(s, HasReason("interval.count_out_of_range")) << count;
    EXPECT_THAT(s, HasParam("count"));
  }
  for (absl::CivilDay anchor : {absl::CivilDay(1899, 12, 31), absl::CivilDay(10000, 1, 1)}) {
    Status s = ValidateBillingCycle(Cycle(anchor, IntervalUnit::kMonth));
    EXPECT_THAT(s, HasReason("anchor.out_of_range")) << anchor;
    EXPECT_THAT(s, HasParam("anchor"));
  }
}

TEST(PeriodStartDayTest, AnchorOn31stClampsEachMonthFromTheAnchor) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth), 13),
            (std::vector<std::string>{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30",
                                      "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31",
                                      "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31",
                                      "2027-01-31"}));
  // Leap year.
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 1, 31), IntervalUnit::kMonth), 4),
            (std::vector<std::string>{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"}));
}

TEST(PeriodStartDayTest, AnchorOn30th) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 30), IntervalUnit::kMonth), 13),
            (std::vector<std::string>{"2026-01-30", "2026-02-28", "2026-03-30", "2026-04-30",
                                      "2026-05-30", "2026-06-30", "2026-07-30", "2026-08-30",
                                      "2026-09-30", "2026-10-30", "2026-11-30", "2026-12-30",
                                      "2027-01-30"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2028, 1, 30), IntervalUnit::kMonth), 3),
            (std::vector<std::string>{"2028-01-30", "2028-02-29", "2028-03-30"}));
}

TEST(PeriodStartDayTest, AnchorOn29th) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 29), IntervalUnit::kMonth), 13),
            (std::vector<std::string>{"2026-01-29", "2026-02-28", "2026-03-29", "2026-04-29",
                                      "2026-05-29", "2026-06-29", "2026-07-29", "2026-08-29",
                                      "2026-09-29", "2026-10-29", "2026-11-29", "2026-12-29",
                                      "2027-01-29"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 1, 29), IntervalUnit::kMonth), 3),
            (std::vector<std::string>{"2024-01-29", "2024-02-29", "2024-03-29"}));
}

TEST(PeriodStartDayTest, AnchorOn31stMidYearCrossesFebruary) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2027, 8, 31), IntervalUnit::kMonth), 8),
            (std::vector<std::string>{"2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30",
                                      "2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"}));
}

TEST(PeriodStartDayTest, YearlyAnchorOnFebruary29) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 2, 29), IntervalUnit::kYear), 9),
            (std::vector<std::string>{"2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28",
                                      "2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28",
                                      "2032-02-29"}));
  // Centuries: 2100 is a common year, 2400 a leap year.
  const BillingCycle from_2000 = Cycle(absl::CivilDay(2000, 2, 29), IntervalUnit::kYear);
  EXPECT_EQ(PeriodStartDay(from_2000, 100), absl::CivilDay(2100, 2, 28));
  EXPECT_EQ(PeriodStartDay(from_2000, 400), absl::CivilDay(2400, 2, 29));
}

TEST(PeriodStartDayTest, Quarterly) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2025, 11, 30), IntervalUnit::kQuarter), 6),
            (std::vector<std::string>{"2025-11-30", "2026-02-28", "2026-05-30", "2026-08-30",
                                      "2026-11-30", "2027-02-28"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kQuarter), 5),
            (std::vector<std::string>{"2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31",
                                      "2027-01-31"}));
}

TEST(PeriodStartDayTest, Weekly) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 2, 23), IntervalUnit::kWeek), 5),
            (std::vector<std::string>{"2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16",
                                      "2026-03-23"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 12, 30), IntervalUnit::kWeek), 2),
            (std::vector<std::string>{"2024-12-30", "2025-01-06"}));
}

TEST(PeriodStartDayTest, Daily) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 2, 28), IntervalUnit::kDay), 3),
            (std::vector<std::string>{"2024-02-28", "2024-02-29", "2024-03-01"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 2, 27), IntervalUnit::kDay, 3), 3),
            (std::vector<std::string>{"2026-02-27", "2026-03-02", "2026-03-05"}));
}

TEST(PeriodStartDayTest, CountMultipliesTheUnit) {
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2025, 12, 31), IntervalUnit::kMonth, 2), 7),
            (std::vector<std::string>{"2025-12-31", "2026-02-28", "2026-04-30", "2026-06-30",
                                      "2026-08-31", "2026-10-31", "2026-12-31"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kWeek, 6), 4),
            (std::vector<std::string>{"2026-01-01", "2026-02-12", "2026-03-26", "2026-05-07"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2024, 2, 29), IntervalUnit::kYear, 2), 3),
            (std::vector<std::string>{"2024-02-29", "2026-02-28", "2028-02-29"}));
  EXPECT_EQ(StartDays(Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kQuarter, 2), 3),
            (std::vector<std::string>{"2026-01-31", "2026-07-31", "2027-01-31"}));
}

TEST(PeriodAtTest, PeriodsTileTheTimeline) {
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth);
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  for (int64_t i = 0; i < 36; ++i) {
    const Period p = PeriodAt(cycle, i, berlin);
    const Period next = PeriodAt(cycle, i + 1, berlin);
    EXPECT_EQ(p.end_day, next.start_day) << i;
    EXPECT_EQ(p.end, next.start) << i;
    EXPECT_LT(p.start, p.end) << i;
  }
  const Period first = PeriodAt(cycle, 0, berlin);
  EXPECT_EQ(first.start_day, absl::CivilDay(2026, 1, 31));
  EXPECT_EQ(first.end_day, absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(first.start, Utc(2026, 1, 30, 23));
  EXPECT_EQ(first.end, Utc(2026, 2, 27, 23));
}

TEST(PeriodAtTest, BerlinLosesAnHourInMarchAndGainsOneInOctober) {
  // CET->CEST on 2026-03-29, CEST->CET on 2026-10-25 (last Sundays).
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth);
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_EQ(Length(PeriodAt(cycle, 1, berlin)), 28 * kDay);                   // February
  EXPECT_EQ(Length(PeriodAt(cycle, 2, berlin)), 31 * kDay - absl::Hours(1));  // March
  EXPECT_EQ(Length(PeriodAt(cycle, 5, berlin)), 30 * kDay);                   // June
  EXPECT_EQ(Length(PeriodAt(cycle, 9, berlin)), 31 * kDay + absl::Hours(1));  // October
  const Period march = PeriodAt(cycle, 2, berlin);
  EXPECT_EQ(march.start, Utc(2026, 2, 28, 23));  // midnight CET
  EXPECT_EQ(march.end, Utc(2026, 3, 31, 22));    // midnight CEST
}

TEST(PeriodAtTest, NewYorkChangesOnItsOwnDates) {
  // EST->EDT on 2026-03-08 02:00, EDT->EST on 2026-11-01 02:00 (after midnight, so the change
  // belongs to the November period, not October's).
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth);
  const absl::TimeZone new_york = Zone("America/New_York");
  EXPECT_EQ(Length(PeriodAt(cycle, 2, new_york)), 31 * kDay - absl::Hours(1));   // March
  EXPECT_EQ(Length(PeriodAt(cycle, 9, new_york)), 31 * kDay);                    // October
  EXPECT_EQ(Length(PeriodAt(cycle, 10, new_york)), 30 * kDay + absl::Hours(1));  // November
  EXPECT_EQ(PeriodAt(cycle, 10, new_york).start, Utc(2026, 11, 1, 4));           // midnight EDT
  // A weekly period containing Mar 8 is short too.
  const BillingCycle weekly = Cycle(absl::CivilDay(2026, 3, 2), IntervalUnit::kWeek);
  EXPECT_EQ(Length(PeriodAt(weekly, 0, new_york)), 7 * kDay - absl::Hours(1));
  EXPECT_EQ(Length(PeriodAt(weekly, 1, new_york)), 7 * kDay);
}

TEST(PeriodAtTest, TokyoHasNoDaylightSaving) {
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth);
  const absl::TimeZone tokyo = Zone("Asia/Tokyo");
  absl::Duration year = absl::ZeroDuration();
  for (int64_t i = 0; i < 12; ++i) {
    const Period p = PeriodAt(cycle, i, tokyo);
    EXPECT_EQ(Length(p), (p.end_day - p.start_day) * kDay) << i;
    year += Length(p);
  }
  EXPECT_EQ(year, 365 * kDay);
  EXPECT_EQ(PeriodAt(cycle, 0, tokyo).start, Utc(2025, 12, 31, 15));  // New Year in Tokyo
}

TEST(PeriodAtTest, HavanaSkippedMidnightStartsAtTheTransition) {
  // 2025-03-09: 23:59:59 CST (04:59:59Z) is followed by 01:00:00 CDT (05:00:00Z).
  const BillingCycle cycle = Cycle(absl::CivilDay(2025, 1, 9), IntervalUnit::kMonth);
  const absl::TimeZone havana = Zone("America/Havana");
  const Period february = PeriodAt(cycle, 1, havana);
  const Period march = PeriodAt(cycle, 2, havana);
  EXPECT_EQ(february.end, Utc(2025, 3, 9, 5));
  EXPECT_EQ(march.start, Utc(2025, 3, 9, 5));
  // The lost hour is the one before 01:00 on Mar 9, which belongs to no February or March reading
  // of the clock; February keeps all its 28 days, March loses the hour.
  EXPECT_EQ(Length(february), 28 * kDay);
  EXPECT_EQ(Length(march), 31 * kDay - absl::Hours(1));
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2025, 3, 9, 5) - kNano, havana), 1);
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2025, 3, 9, 5), havana), 2);
}

TEST(PeriodAtTest, HavanaRepeatedMidnightStartsAtTheFirstOne) {
  // 2025-11-02: 00:59:59 CDT (04:59:59Z) is followed by 00:00:00 CST (05:00:00Z).
  const BillingCycle daily = Cycle(absl::CivilDay(2025, 11, 1), IntervalUnit::kDay);
  const absl::TimeZone havana = Zone("America/Havana");
  EXPECT_EQ(PeriodAt(daily, 1, havana).start, Utc(2025, 11, 2, 4));
  EXPECT_EQ(Length(PeriodAt(daily, 0, havana)), 24 * absl::Hours(1));
  EXPECT_EQ(Length(PeriodAt(daily, 1, havana)), 25 * absl::Hours(1));
  // The second 00:30 of Nov 2 is still Nov 2.
  EXPECT_EQ(PeriodIndexAt(daily, Utc(2025, 11, 2, 5, 30), havana), 1);
}

TEST(PeriodAtTest, SantiagoSkippedAndRepeatedHours) {
  const absl::TimeZone santiago = Zone("America/Santiago");
  // 2025-09-07: 23:59:59 -04 (03:59:59Z) is followed by 01:00:00 -03 (04:00:00Z).
  const BillingCycle september = Cycle(absl::CivilDay(2025, 9, 6), IntervalUnit::kDay);
  EXPECT_EQ(PeriodAt(september, 1, santiago).start, Utc(2025, 9, 7, 4));
  EXPECT_EQ(Length(PeriodAt(september, 0, santiago)), 24 * absl::Hours(1));
  EXPECT_EQ(Length(PeriodAt(september, 1, santiago)), 23 * absl::Hours(1));
  // 2025-04-06: at 03:00Z the clock goes from 24:00 -03 back to 23:00 -04 on Apr 5. The second
  // 23:30 of Apr 5 (03:30Z) is after the first would-be midnight but still Apr 5.
  const BillingCycle april = Cycle(absl::CivilDay(2025, 4, 5), IntervalUnit::kDay);
  EXPECT_EQ(PeriodAt(april, 1, santiago).start, Utc(2025, 4, 6, 4));
  EXPECT_EQ(Length(PeriodAt(april, 0, santiago)), 25 * absl::Hours(1));
  EXPECT_EQ(PeriodIndexAt(april, Utc(2025, 4, 6, 3, 30), santiago), 0);
  EXPECT_EQ(PeriodIndexAt(april, Utc(2025, 4, 6, 4), santiago), 1);
}

TEST(PeriodAtTest, GapAcrossMidnightStartsThePeriodAtTheTransition) {
  // America/Toronto 1919-03-31: 23:29:59 EST (04:29:59Z) was followed by 00:30:00 EDT (04:30Z).
  const BillingCycle monthly = Cycle(absl::CivilDay(1919, 1, 31), IntervalUnit::kMonth);
  const absl::TimeZone toronto = Zone("America/Toronto");
  const Period march = PeriodAt(monthly, 1, toronto);  // Feb 28 to Mar 31
  EXPECT_EQ(march.end_day, absl::CivilDay(1919, 3, 31));
  EXPECT_EQ(march.end, Utc(1919, 3, 31, 4, 30));
  EXPECT_EQ(Length(march), 31 * kDay - absl::Minutes(30));
  EXPECT_EQ(PeriodIndexAt(monthly, Utc(1919, 3, 31, 4, 30) - kNano, toronto), 1);
  EXPECT_EQ(PeriodIndexAt(monthly, Utc(1919, 3, 31, 4, 30), toronto), 2);
}

TEST(PeriodAtTest, ClocksTurnedBackAcrossMidnightStayInTheNewPeriod) {
  // America/Goose_Bay 1987-10-25: 00:00:59 ADT (03:00:59Z) was followed by 23:01:00 AST on
  // Oct 24. Midnight happened at 03:00Z and again at 04:00Z; the period starts at the first, so
  // 03:30Z belongs to the new period although the wall clock shows Oct 24 again.
  const absl::TimeZone goose_bay = Zone("America/Goose_Bay");
  const BillingCycle monthly = Cycle(absl::CivilDay(1987, 9, 25), IntervalUnit::kMonth);
  EXPECT_EQ(PeriodAt(monthly, 0, goose_bay).end, Utc(1987, 10, 25, 3));
  EXPECT_EQ(PeriodIndexAt(monthly, Utc(1987, 10, 25, 3) - kNano, goose_bay), 0);
  EXPECT_EQ(PeriodIndexAt(monthly, Utc(1987, 10, 25, 3, 30), goose_bay), 1);
  const BillingCycle daily = Cycle(absl::CivilDay(1987, 10, 24), IntervalUnit::kDay);
  EXPECT_EQ(Length(PeriodAt(daily, 0, goose_bay)), 24 * absl::Hours(1));
  EXPECT_EQ(Length(PeriodAt(daily, 1, goose_bay)), 25 * absl::Hours(1));
  // 1988-10-30: 00:00:59 ADDT (02:00:59Z) was followed by 22:01:00 AST on Oct 29, two hours back.
  const BillingCycle weekly = Cycle(absl::CivilDay(1988, 10, 23), IntervalUnit::kWeek);
  EXPECT_EQ(PeriodAt(weekly, 1, goose_bay).start, Utc(1988, 10, 30, 2));
  EXPECT_EQ(PeriodIndexAt(weekly, Utc(1988, 10, 30, 3, 59), goose_bay), 1);
}

TEST(PeriodAtTest, SkippedDayMakesAnEmptyDailyPeriod) {
  // Pacific/Apia went from 2011-12-29 23:59:59 -10 to 2011-12-31 00:00:00 +14 (10:00Z).
  const BillingCycle daily = Cycle(absl::CivilDay(2011, 12, 29), IntervalUnit::kDay);
  const absl::TimeZone apia = Zone("Pacific/Apia");
  EXPECT_EQ(Length(PeriodAt(daily, 0, apia)), 24 * absl::Hours(1));
  EXPECT_EQ(Length(PeriodAt(daily, 1, apia)), absl::ZeroDuration());
  EXPECT_EQ(PeriodIndexAt(daily, Utc(2011, 12, 30, 10) - kNano, apia), 0);
  EXPECT_EQ(PeriodIndexAt(daily, Utc(2011, 12, 30, 10), apia), 2);  // never the empty one
}

bool IsEmpty(const BillingCycle& cycle, int64_t index, absl::TimeZone tz) {
  const Period p = PeriodAt(cycle, index, tz);
  return p.start == p.end;
}

// Start belongs to the period, end to the next; one nanosecond earlier is the previous one.
// Empty periods (a skipped day) own no instant and are stepped over.
void ExpectBoundaries(const BillingCycle& cycle, absl::TimeZone tz, int64_t periods) {
  for (int64_t i = 0; i < periods; ++i) {
    if (IsEmpty(cycle, i, tz)) continue;
    int64_t previous = i - 1;
    while (previous >= 0 && IsEmpty(cycle, previous, tz)) --previous;
    int64_t next = i + 1;
    while (IsEmpty(cycle, next, tz)) ++next;
    const Period p = PeriodAt(cycle, i, tz);
    EXPECT_EQ(PeriodIndexAt(cycle, p.start, tz), i) << tz.name() << " " << i;
    EXPECT_EQ(PeriodIndexAt(cycle, p.start - kNano, tz), previous) << tz.name() << " " << i;
    EXPECT_EQ(PeriodIndexAt(cycle, p.end - kNano, tz), i) << tz.name() << " " << i;
    EXPECT_EQ(PeriodIndexAt(cycle, p.end, tz), next) << tz.name() << " " << i;
  }
}

TEST(PeriodIndexAtTest, BoundaryInstants) {
  for (const char* zone : {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo",
                           "America/Havana", "America/Santiago", "Australia/Lord_Howe"}) {
    const absl::TimeZone tz = Zone(zone);
    ExpectBoundaries(Cycle(absl::CivilDay(2024, 1, 31), IntervalUnit::kMonth), tz, 40);
    ExpectBoundaries(Cycle(absl::CivilDay(2024, 2, 29), IntervalUnit::kYear), tz, 10);
    ExpectBoundaries(Cycle(absl::CivilDay(2024, 11, 30), IntervalUnit::kQuarter, 1), tz, 12);
    ExpectBoundaries(Cycle(absl::CivilDay(2025, 1, 1), IntervalUnit::kWeek, 2), tz, 60);
    ExpectBoundaries(Cycle(absl::CivilDay(2025, 1, 1), IntervalUnit::kDay), tz, 800);
  }
  ExpectBoundaries(Cycle(absl::CivilDay(2011, 12, 1), IntervalUnit::kDay), Zone("Pacific/Apia"),
                   60);
  ExpectBoundaries(Cycle(absl::CivilDay(1919, 3, 1), IntervalUnit::kDay), Zone("America/Toronto"),
                   60);
  const absl::TimeZone goose_bay = Zone("America/Goose_Bay");
  ExpectBoundaries(Cycle(absl::CivilDay(1987, 1, 25), IntervalUnit::kMonth), goose_bay, 30);
  ExpectBoundaries(Cycle(absl::CivilDay(1987, 9, 1), IntervalUnit::kDay), goose_bay, 500);
  ExpectBoundaries(Cycle(absl::CivilDay(1987, 9, 1), IntervalUnit::kWeek), goose_bay, 70);
  // Pacific/Kwajalein 1969-09-30: 23:59:59 +11 was followed by 01:00:00 -12 the same day, the
  // largest backward jump since 1900; Sep 30 lasted 47 hours.
  const absl::TimeZone kwajalein = Zone("Pacific/Kwajalein");
  ExpectBoundaries(Cycle(absl::CivilDay(1969, 9, 1), IntervalUnit::kDay), kwajalein, 60);
  ExpectBoundaries(Cycle(absl::CivilDay(1969, 9, 28), IntervalUnit::kDay, 2), kwajalein, 10);
  ExpectBoundaries(Cycle(absl::CivilDay(1969, 7, 30), IntervalUnit::kMonth), kwajalein, 6);
  ExpectBoundaries(Cycle(absl::CivilDay(1969, 7, 1), IntervalUnit::kMonth), kwajalein, 6);
  ExpectBoundaries(Cycle(absl::CivilDay(1969, 9, 23), IntervalUnit::kWeek), kwajalein, 4);
}

TEST(PeriodIndexAtTest, BeforeTheAnchorIsMinusOne) {
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth);
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2026, 1, 30, 23), berlin), 0);
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2026, 1, 30, 23) - kNano, berlin), -1);
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2026, 1, 1), berlin), -1);
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(1950, 6, 1), berlin), -1);
  EXPECT_EQ(PeriodIndexAt(cycle, absl::UnixEpoch(), berlin), -1);
  EXPECT_EQ(PeriodIndexAt(cycle, absl::InfinitePast(), berlin), -1);
}

TEST(PeriodIndexAtTest, FarFuture) {
  const BillingCycle cycle = Cycle(absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth);
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  // 74 years and 2 months after the anchor; 2100 is not a leap year.
  const int64_t march_2100 = 74 * 12 + 2;
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2100, 3, 31, 12), berlin), march_2100);
  EXPECT_EQ(PeriodIndexAt(cycle, Utc(2100, 3, 15, 12), berlin), march_2100 - 1);
  const Period p = PeriodAt(cycle, march_2100 - 1, berlin);
  EXPECT_EQ(p.start_day, absl::CivilDay(2100, 2, 28));
  EXPECT_EQ(p.end_day, absl::CivilDay(2100, 3, 31));
  const BillingCycle daily = Cycle(absl::CivilDay(2026, 1, 1), IntervalUnit::kDay);
  EXPECT_EQ(PeriodIndexAt(daily, Utc(2100, 1, 1, 12), berlin),
            absl::CivilDay(2100, 1, 1) - absl::CivilDay(2026, 1, 1));
}

// The defining property, over random cycles, zones and instants: the returned period contains t.
TEST(PeriodIndexAtTest, RoundTripsOverRandomInstants) {
  const std::vector<absl::TimeZone> zones = {Zone("UTC"),
                                             Zone("Europe/Berlin"),
                                             Zone("America/New_York"),
                                             Zone("Asia/Tokyo"),
                                             Zone("America/Havana"),
                                             Zone("America/Santiago"),
                                             Zone("Asia/Beirut"),
                                             Zone("Australia/Lord_Howe"),
                                             Zone("Asia/Kathmandu"),
                                             Zone("Pacific/Apia"),
                                             Zone("Pacific/Chatham"),
                                             Zone("America/St_Johns"),
                                             Zone("Pacific/Kwajalein"),
                                             Zone("America/Toronto"),
                                             Zone("America/Goose_Bay")};
  const IntervalUnit units[] = {IntervalUnit::kDay, IntervalUnit::kWeek, IntervalUnit::kMonth,
                                IntervalUnit::kQuarter, IntervalUnit::kYear};
  std::mt19937_64 rng(0xACC0E);
  std::uniform_int_distribution<int64_t> anchor_offset_days(0, 140 * 366);  // 1900..2040
  std::uniform_int_distribution<int64_t> seconds_from_anchor(-2 * 366 * 86400LL,
                                                             120LL * 366 * 86400);
  std::uniform_int_distribution<int> count(1, 13);
  std::uniform_int_distribution<std::size_t> pick_zone(0, zones.size() - 1);
  std::uniform_int_distribution<int> pick_unit(0, 4);
  std::uniform_int_distribution<int> nudge_ns(-2, 2);
  for (int i = 0; i < 50000; ++i) {
    const absl::TimeZone tz = zones[pick_zone(rng)];
    const BillingCycle cycle = Cycle(absl::CivilDay(1900, 1, 1) + anchor_offset_days(rng),
                                     units[pick_unit(rng)], count(rng));
    const absl::Time anchor_start = StartOfLocalDay(cycle.anchor, tz);
    absl::Time t = anchor_start + absl::Seconds(seconds_from_anchor(rng));
    if (i % 2 == 0) {
      // Half the samples sit within nanoseconds of a period boundary, where bugs live.
      const int64_t k = PeriodIndexAt(cycle, t, tz);
      if (k >= 0) t = PeriodAt(cycle, k, tz).start + absl::Nanoseconds(nudge_ns(rng));
    }
    const int64_t index = PeriodIndexAt(cycle, t, tz);
    const std::string context =
        fmt::format("{} {} every {} {} at {}", tz.name(), FormatDate(cycle.anchor), cycle.count,
                    IntervalUnitName(cycle.unit), FormatInstant(t));
    if (index == -1) {
      ASSERT_LT(t, anchor_start) << context;
      continue;
    }
    ASSERT_GE(index, 0) << context;
    const Period p = PeriodAt(cycle, index, tz);
    ASSERT_LE(p.start, t) << context << " index " << index;
    ASSERT_LT(t, p.end) << context << " index " << index;
  }
}

// Every instant around Kwajalein's 23-hour step back, against every cycle shape near it. This is
// where PeriodIndexAt's fast path (a day of margin) is closest to wrong.
TEST(PeriodIndexAtTest, RoundTripsAroundTheLargestBackwardJump) {
  const absl::TimeZone kwajalein = Zone("Pacific/Kwajalein");
  const IntervalUnit units[] = {IntervalUnit::kDay, IntervalUnit::kWeek, IntervalUnit::kMonth};
  const absl::Time jump = Utc(1969, 9, 30, 13);
  for (IntervalUnit unit : units) {
    for (int count = 1; count <= 3; ++count) {
      for (int offset = 0; offset < 40; ++offset) {
        const BillingCycle cycle = Cycle(absl::CivilDay(1969, 8, 25) + offset, unit, count);
        for (absl::Time t = jump - absl::Hours(80); t < jump + absl::Hours(80);
             t += absl::Minutes(30)) {
          const int64_t index = PeriodIndexAt(cycle, t, kwajalein);
          if (index < 0) {
            ASSERT_LT(t, PeriodAt(cycle, 0, kwajalein).start) << FormatInstant(t);
            continue;
          }
          const Period p = PeriodAt(cycle, index, kwajalein);
          ASSERT_LE(p.start, t) << FormatInstant(t) << " " << FormatDate(cycle.anchor);
          ASSERT_LT(t, p.end) << FormatInstant(t) << " " << FormatDate(cycle.anchor);
        }
      }
    }
  }
}

// Checks the O(1) claim against a straightforward walk over all periods.
TEST(PeriodIndexAtTest, AgreesWithALinearScan) {
  const absl::TimeZone tz = Zone("America/Santiago");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> seconds(-86400LL * 40, 86400LL * 366 * 6);
  const BillingCycle cycles[] = {Cycle(absl::CivilDay(2020, 1, 31), IntervalUnit::kMonth),
                                 Cycle(absl::CivilDay(2020, 2, 29), IntervalUnit::kYear),
                                 Cycle(absl::CivilDay(2020, 3, 30), IntervalUnit::kQuarter, 1),
                                 Cycle(absl::CivilDay(2020, 9, 5), IntervalUnit::kWeek, 3),
                                 Cycle(absl::CivilDay(2020, 4, 4), IntervalUnit::kDay, 2)};
  for (const BillingCycle& cycle : cycles) {
    for (int i = 0; i < 300; ++i) {
      const absl::Time t = StartOfLocalDay(cycle.anchor, tz) + absl::Seconds(seconds(rng));
      int64_t want = -1;
      while (PeriodAt(cycle, want + 1, tz).start <= t) ++want;
      ASSERT_EQ(PeriodIndexAt(cycle, t, tz), want) << FormatInstant(t);
    }
  }
}

TEST(BillingPeriodDeathTest, RejectsInvalidCyclesAsBugs) {
  const absl::CivilDay anchor(2026, 1, 31);
  EXPECT_DEATH(PeriodStartDay(Cycle(anchor, IntervalUnit::kMonth, 0), 0), "count");
  EXPECT_DEATH(PeriodStartDay(Cycle(anchor, IntervalUnit::kMonth, 1001), 0), "count");
  EXPECT_DEATH(PeriodStartDay(Cycle(absl::CivilDay(1850, 1, 1), IntervalUnit::kMonth), 0),
               "anchor");
  EXPECT_DEATH(PeriodStartDay(Cycle(anchor, IntervalUnit::kMonth), -1), "index");
  EXPECT_DEATH(
      PeriodAt(Cycle(anchor, IntervalUnit::kMonth), kPeriodIndexMax + 1, absl::UTCTimeZone()),
      "index");
  EXPECT_DEATH(PeriodIndexAt(Cycle(anchor, IntervalUnit::kMonth), absl::InfiniteFuture(),
                             absl::UTCTimeZone()),
               "9999");
}

}  // namespace
}  // namespace accrue
