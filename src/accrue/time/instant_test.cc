#include "accrue/time/instant.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

// Built with abseil directly, so the expectations do not depend on the parser under test.
absl::Time Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                         absl::UTCTimeZone());
}

absl::TimeZone Zone(std::string_view name) {
  Result<absl::TimeZone> tz = LoadTimeZone(name);
  EXPECT_OK(tz);
  return tz.ok() ? *tz : absl::UTCTimeZone();
}

TEST(ParseInstantTest, ParsesRfc3339) {
  struct Case {
    const char* text;
    absl::Time want;
  };
  const Case cases[] = {
      {"2026-01-31T10:00:00Z", Utc(2026, 1, 31, 10)},
      {"2026-01-31T10:00:00.123+01:00", Utc(2026, 1, 31, 9) + absl::Milliseconds(123)},
      {"2026-01-31T10:00:00-05:30", Utc(2026, 1, 31, 15, 30)},
      {"2026-01-01T00:30:00+01:00", Utc(2025, 12, 31, 23, 30)},  // crosses a year
      {"2026-01-31T10:00:00-00:00", Utc(2026, 1, 31, 10)},       // RFC 3339 "unknown offset"
      {"2026-01-31t10:00:00z", Utc(2026, 1, 31, 10)},            // RFC 3339 allows lowercase
      {"2026-01-31T10:00:00.5Z", Utc(2026, 1, 31, 10) + absl::Milliseconds(500)},
      {"2026-01-31T10:00:00.000001Z", Utc(2026, 1, 31, 10) + absl::Microseconds(1)},
      {"2026-01-31T10:00:00.123456789Z", Utc(2026, 1, 31, 10) + absl::Nanoseconds(123456789)},
      {"2024-02-29T23:59:59Z", Utc(2024, 2, 29, 23, 59, 59)},
      {"1969-12-31T23:59:59.5Z", absl::UnixEpoch() - absl::Milliseconds(500)},
      {"2026-06-15T12:00:00+14:00", Utc(2026, 6, 14, 22)},
  };
  for (const Case& c : cases) {
    Result<absl::Time> t = ParseInstant(c.text);
    ASSERT_OK(t) << c.text;
    EXPECT_EQ(*t, c.want) << c.text << " parsed as " << absl::FormatTime(*t);
  }
}

TEST(ParseInstantTest, RejectsAnythingElse) {
  const std::vector<std::string> bad = {
      "",
      "2026-01-31",                 // a date is not an instant
      "2026-01-31T10:00:00",        // no offset: ambiguous
      "2026-01-31 10:00:00Z",       // space separator
      "2026-01-31T10:00Z",          // no seconds
      "2026-1-31T10:00:00Z",        // short month
      "26-01-31T10:00:00Z",         // short year
      "2026-13-01T00:00:00Z",       // month 13
      "2026-00-10T00:00:00Z",       // month 0
      "2026-02-30T00:00:00Z",       // Feb 30
      "2025-02-29T00:00:00Z",       // not a leap year
      "2026-04-31T00:00:00Z",       // April has 30 days
      "2026-01-00T00:00:00Z",       // day 0
      "2026-01-31T24:00:00Z",       // hour 24
      "2026-01-31T10:60:00Z",       // minute 60
      "2026-12-31T23:59:60Z",       // leap second
      "2026-01-31T10:00:00+24:00",  // offset out of range
      "2026-01-31T10:00:00+01:60",
      "2026-01-31T10:00:00+0100",  // ISO basic offset, not RFC 3339
      "2026-01-31T10:00:00+01",
      "2026-01-31T10:00:00UTC",
      "2026-01-31T10:00:00.Z",            // empty fraction
      "2026-01-31T10:00:00,5Z",           // comma fraction
      "2026-01-31T10:00:00.1234567890Z",  // finer than nanoseconds
      "2026-01-31T10:00:00Zjunk",
      "2026-01-31T10:00:00+01:00junk",
      " 2026-01-31T10:00:00Z",
      "2026-01-31T10:00:00Z ",
      "+2026-01-31T10:00:00Z",
      "2026-01-31T1a:00:00Z",
      "now",
      std::string(1000, '9'),
  };
  for (const std::string& text : bad) {
    Result<absl::Time> t = ParseInstant(text);
    EXPECT_THAT(t, StatusIs(absl::StatusCode::kInvalidArgument)) << "'" << text << "'";
    EXPECT_THAT(t, HasReason("instant.malformed")) << "'" << text << "'";
    EXPECT_THAT(t, HasParam("")) << "'" << text << "'";
  }
}

TEST(FormatInstantTest, UtcWithFractionOnlyWhenNeeded) {
  EXPECT_EQ(FormatInstant(Utc(2026, 1, 31, 10)), "2026-01-31T10:00:00Z");
  EXPECT_EQ(FormatInstant(Utc(2026, 1, 31, 10) + absl::Milliseconds(120)),
            "2026-01-31T10:00:00.120Z");
  EXPECT_EQ(FormatInstant(Utc(2026, 1, 31, 10) + absl::Microseconds(1)),
            "2026-01-31T10:00:00.000001Z");
  EXPECT_EQ(FormatInstant(Utc(2026, 1, 31, 10) + absl::Nanoseconds(123456789)),
            "2026-01-31T10:00:00.123456789Z");
  EXPECT_EQ(FormatInstant(absl::UnixEpoch() - absl::Milliseconds(500)), "1969-12-31T23:59:59.500Z");
  EXPECT_EQ(FormatInstant(absl::UnixEpoch() - absl::Nanoseconds(1)),
            "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatInstant(Utc(1, 1, 1)), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(absl::InfiniteFuture()), "infinite-future");
  EXPECT_EQ(FormatInstant(absl::InfinitePast()), "infinite-past");
}

TEST(FormatInstantTest, RoundTripsThroughParse) {
  std::mt19937_64 rng(20260131);
  const int64_t lo = absl::ToUnixNanos(Utc(1900, 1, 1));
  const int64_t hi = absl::ToUnixNanos(Utc(2200, 1, 1));
  std::uniform_int_distribution<int64_t> nanos(lo, hi);
  for (int i = 0; i < 10000; ++i) {
    int64_t n = nanos(rng);
    // Exercise the 0-, 3- and 6-digit forms too, not only 9 digits.
    if (i % 4 == 1) n -= n % 1'000'000'000;
    if (i % 4 == 2) n -= n % 1'000'000;
    if (i % 4 == 3) n -= n % 1'000;
    const absl::Time t = absl::FromUnixNanos(n);
    const std::string text = FormatInstant(t);
    ASSERT_OK_AND_ASSIGN(absl::Time back, ParseInstant(text));
    ASSERT_EQ(back, t) << text;
  }
}

TEST(ParseDateTest, ParsesValidDays) {
  ASSERT_OK_AND_ASSIGN(absl::CivilDay day, ParseDate("2026-01-31"));
  EXPECT_EQ(day, absl::CivilDay(2026, 1, 31));
  ASSERT_OK_AND_ASSIGN(day, ParseDate("2024-02-29"));
  EXPECT_EQ(day, absl::CivilDay(2024, 2, 29));
  ASSERT_OK_AND_ASSIGN(day, ParseDate("2000-02-29"));  // divisible by 400: leap
  EXPECT_EQ(day, absl::CivilDay(2000, 2, 29));
  ASSERT_OK_AND_ASSIGN(day, ParseDate("9999-12-31"));
  EXPECT_EQ(day, absl::CivilDay(9999, 12, 31));
}

TEST(ParseDateTest, RejectsDaysThatDoNotExistWithoutNormalizing) {
  for (const char* text : {"2026-02-29", "1900-02-29", "2100-02-29", "2026-02-30", "2026-04-31",
                           "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"}) {
    Result<absl::CivilDay> day = ParseDate(text);
    EXPECT_THAT(day, StatusIs(absl::StatusCode::kInvalidArgument)) << text;
    EXPECT_THAT(day, HasReason("date.invalid")) << text;
  }
}

TEST(ParseDateTest, RejectsMalformedText) {
  for (const char* text :
       {"", "2026-1-31", "20260131", "2026/01/31", "2026-01-31T00:00:00Z", " 2026-01-31",
        "2026-01-31 ", "2026-01-3a", "-026-01-31", "+2026-01-31", "31.01.2026", "2026-Jan-31"}) {
    Result<absl::CivilDay> day = ParseDate(text);
    EXPECT_THAT(day, StatusIs(absl::StatusCode::kInvalidArgument)) << text;
    EXPECT_THAT(day, HasReason("date.malformed")) << text;
  }
}

TEST(FormatDateTest, PadsToIsoForm) {
  EXPECT_EQ(FormatDate(absl::CivilDay(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(FormatDate(absl::CivilDay(800, 12, 31)), "0800-12-31");
  EXPECT_EQ(FormatDate(absl::CivilDay(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatDate(absl::CivilDay(0, 1, 1)), "0000-01-01");
  EXPECT_EQ(FormatDate(absl::CivilDay(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(FormatDate(absl::CivilDay(10000, 1, 1)), "10000-01-01");
}

TEST(FormatDateTest, EveryDayOfFourHundredYearsRoundTrips) {
  // The fast path against the parser, over a whole Gregorian cycle (leap rules included).
  for (absl::CivilDay day(1900, 1, 1); day < absl::CivilDay(2300, 1, 1); ++day) {
    const std::string text = FormatDate(day);
    ASSERT_EQ(text.size(), 10u) << text;
    ASSERT_OK_AND_ASSIGN(absl::CivilDay parsed, ParseDate(text));
    ASSERT_EQ(parsed, day) << text;
  }
}

TEST(ParseInstantOrDateTest, DateMeansLocalMidnight) {
  ASSERT_OK_AND_ASSIGN(absl::Time t, ParseInstantOrDate("2026-01-31", Zone("Europe/Berlin")));
  EXPECT_EQ(t, Utc(2026, 1, 30, 23));
  ASSERT_OK_AND_ASSIGN(t, ParseInstantOrDate("2026-07-01", Zone("America/New_York")));
  EXPECT_EQ(t, Utc(2026, 7, 1, 4));
  ASSERT_OK_AND_ASSIGN(t, ParseInstantOrDate("2026-01-01", Zone("Asia/Tokyo")));
  EXPECT_EQ(t, Utc(2025, 12, 31, 15));
  // Havana skipped midnight on 2025-03-09: the day starts at 01:00 CDT.
  ASSERT_OK_AND_ASSIGN(t, ParseInstantOrDate("2025-03-09", Zone("America/Havana")));
  EXPECT_EQ(t, Utc(2025, 3, 9, 5));
}

TEST(ParseInstantOrDateTest, InstantIgnoresTheZone) {
  ASSERT_OK_AND_ASSIGN(absl::Time t,
                       ParseInstantOrDate("2026-01-31T10:00:00Z", Zone("Asia/Tokyo")));
  EXPECT_EQ(t, Utc(2026, 1, 31, 10));
}

TEST(ParseInstantOrDateTest, ReasonSaysWhichFormFailed) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  EXPECT_THAT(ParseInstantOrDate("2026-02-29", utc), HasReason("date.invalid"));
  EXPECT_THAT(ParseInstantOrDate("2026-2-28", utc), HasReason("date.malformed"));
  EXPECT_THAT(ParseInstantOrDate("", utc), HasReason("date.malformed"));
  EXPECT_THAT(ParseInstantOrDate("2026-02-28T25:00:00Z", utc), HasReason("instant.malformed"));
  EXPECT_THAT(ParseInstantOrDate("2026-02-28T10:00:00", utc), HasReason("instant.malformed"));
}

// Transition instants below are from `zdump -v` against tzdata 2025b.
TEST(StartOfLocalDayTest, OrdinaryMidnight) {
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2026, 3, 29), Zone("Europe/Berlin")),
            Utc(2026, 3, 28, 23));  // DST starts at 02:00 that day, midnight is still CET
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2026, 3, 30), Zone("Europe/Berlin")),
            Utc(2026, 3, 29, 22));
}

TEST(StartOfLocalDayTest, SkippedMidnightStartsAtTheTransition) {
  // America/Havana 2025-03-09: 23:59:59 CST is followed by 01:00:00 CDT (05:00Z).
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2025, 3, 9), Zone("America/Havana")),
            Utc(2025, 3, 9, 5));
  // America/Santiago 2025-09-07: 23:59:59 -04 is followed by 01:00:00 -03 (04:00Z).
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2025, 9, 7), Zone("America/Santiago")),
            Utc(2025, 9, 7, 4));
  // Asia/Beirut 2025-03-30: 23:59:59 EET is followed by 01:00:00 EEST (22:00Z the day before).
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2025, 3, 30), Zone("Asia/Beirut")),
            Utc(2025, 3, 29, 22));
}

TEST(StartOfLocalDayTest, GapAcrossMidnightStartsAtTheTransitionNotAtOldMidnight) {
  // America/Toronto 1919-03-31: 23:29:59 EST (04:29:59Z) was followed by 00:30:00 EDT
  // (04:30:00Z). Midnight under the old offset would be 05:00Z, half an hour into the day; the
  // day really began at 04:30Z. (In the zones above the gap starts exactly at midnight, where
  // both readings coincide.)
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(1919, 3, 31), Zone("America/Toronto")),
            Utc(1919, 3, 31, 4, 30));
}

TEST(StartOfLocalDayTest, RepeatedMidnightTakesTheEarlierInstant) {
  // America/Havana 2025-11-02: 00:59:59 CDT is followed by 00:00:00 CST, so midnight happens at
  // 04:00Z and again at 05:00Z.
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2025, 11, 2), Zone("America/Havana")),
            Utc(2025, 11, 2, 4));
}

TEST(StartOfLocalDayTest, MidnightAfterARepeatedHourIsUnique) {
  // America/Santiago 2025-04-06: at 03:00Z the clock goes from 24:00 back to 23:00 on Apr 5, so
  // 23:00-24:00 repeats and the one midnight of Apr 6 is at 04:00Z.
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2025, 4, 6), Zone("America/Santiago")),
            Utc(2025, 4, 6, 4));
}

TEST(StartOfLocalDayTest, SkippedDaySharesTheNextDaysStart) {
  // Pacific/Apia skipped 2011-12-30 entirely: 2011-12-29 23:59:59 -10 was followed by
  // 2011-12-31 00:00:00 +14 (10:00Z).
  const absl::TimeZone apia = Zone("Pacific/Apia");
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2011, 12, 30), apia), Utc(2011, 12, 30, 10));
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2011, 12, 31), apia), Utc(2011, 12, 30, 10));
  EXPECT_EQ(StartOfLocalDay(absl::CivilDay(2011, 12, 29), apia), Utc(2011, 12, 29, 10));
}

}  // namespace
}  // namespace accrue
