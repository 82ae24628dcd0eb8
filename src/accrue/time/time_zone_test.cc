#include "accrue/time/time_zone.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

// The UTC offset of `tz` at noon UTC on the given day; proves a zone is not silently UTC.
absl::Duration OffsetOn(absl::TimeZone tz, int year, int month, int day) {
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(year, month, day, 12, 0, 0), absl::UTCTimeZone());
  return absl::Seconds(tz.At(t).offset);
}

TEST(LoadTimeZoneTest, LoadsRealZonesWithTheirRules) {
  ASSERT_OK_AND_ASSIGN(absl::TimeZone berlin, LoadTimeZone("Europe/Berlin"));
  EXPECT_EQ(berlin.name(), "Europe/Berlin");
  EXPECT_EQ(OffsetOn(berlin, 2026, 1, 15), absl::Hours(1));
  EXPECT_EQ(OffsetOn(berlin, 2026, 7, 15), absl::Hours(2));

  ASSERT_OK_AND_ASSIGN(absl::TimeZone new_york, LoadTimeZone("America/New_York"));
  EXPECT_EQ(OffsetOn(new_york, 2026, 1, 15), absl::Hours(-5));
  EXPECT_EQ(OffsetOn(new_york, 2026, 7, 15), absl::Hours(-4));

  ASSERT_OK_AND_ASSIGN(absl::TimeZone tokyo, LoadTimeZone("Asia/Tokyo"));
  EXPECT_EQ(OffsetOn(tokyo, 2026, 1, 15), absl::Hours(9));
  EXPECT_EQ(OffsetOn(tokyo, 2026, 7, 15), absl::Hours(9));

  // A link in current tzdata (to Asia/Riyadh); customers still have it stored.
  ASSERT_OK_AND_ASSIGN(absl::TimeZone kuwait, LoadTimeZone("Asia/Kuwait"));
  EXPECT_EQ(OffsetOn(kuwait, 2026, 7, 15), absl::Hours(3));

  ASSERT_OK_AND_ASSIGN(absl::TimeZone utc, LoadTimeZone("UTC"));
  EXPECT_EQ(OffsetOn(utc, 2026, 7, 15), absl::ZeroDuration());
  ASSERT_OK_AND_ASSIGN(absl::TimeZone etc_utc, LoadTimeZone("Etc/UTC"));
  EXPECT_EQ(OffsetOn(etc_utc, 2026, 7, 15), absl::ZeroDuration());
}

TEST(LoadTimeZoneTest, AcceptsUnusualButRealNames) {
  for (const char* name : {"America/Argentina/Buenos_Aires", "America/Port-au-Prince", "Etc/GMT+5",
                           "Etc/GMT-14", "EST5EDT", "America/North_Dakota/New_Salem"}) {
    EXPECT_OK(LoadTimeZone(name)) << name;
  }
  // POSIX sign convention: Etc/GMT+5 is five hours *behind* UTC.
  ASSERT_OK_AND_ASSIGN(absl::TimeZone gmt_plus_5, LoadTimeZone("Etc/GMT+5"));
  EXPECT_EQ(OffsetOn(gmt_plus_5, 2026, 1, 1), absl::Hours(-5));
}

TEST(LoadTimeZoneTest, RejectsUnknownAndNonIanaNames) {
  const std::vector<std::string> bad = {
      // Not zones at all.
      "",
      "Foo/Bar",
      "Mars/Olympus_Mons",
      "Europe",
      // Fixed offsets and POSIX TZ strings, which abseil would accept or turn into UTC.
      "+01:00",
      "UTC+1",
      "GMT+01:00",
      "Fixed/UTC+01:00:00",
      "EST5EDT,M3.2.0,M11.1.0",
      // Paths and the other files under /usr/share/zoneinfo.
      "localtime",
      "/etc/localtime",
      "/usr/share/zoneinfo/Europe/Berlin",
      "file:Europe/Berlin",
      "../zoneinfo/UTC",
      "Europe/../Europe/Berlin",
      "Europe/./Berlin",
      "posixrules",
      "zone.tab",
      "tzdata.zi",
      "posix/Europe/Berlin",
      "right/UTC",
      // Near misses of real names.
      "Europe/Berlin/",
      "Europe//Berlin",
      "/Europe/Berlin",
      "europe/berlin",
      "Europe/Berlin ",
      " Europe/Berlin",
      std::string("Europe/Berlin\0", 14),
      // tzdata's "local time unknown" placeholder, and junk.
      "Factory",
      std::string(200, 'A'),
  };
  for (const std::string& name : bad) {
    Result<absl::TimeZone> tz = LoadTimeZone(name);
    EXPECT_THAT(tz, StatusIs(absl::StatusCode::kInvalidArgument)) << "'" << name << "'";
    EXPECT_THAT(tz, HasReason("time_zone.unknown")) << "'" << name << "'";
    EXPECT_THAT(tz, HasParam("")) << "'" << name << "'";
  }
}

TEST(LoadTimeZoneTest, ErrorNamesTheZone) {
  Result<absl::TimeZone> tz = LoadTimeZone("Mars/Olympus_Mons");
  ASSERT_FALSE(tz.ok());
  EXPECT_NE(std::string(tz.status().message()).find("'Mars/Olympus_Mons'"), std::string::npos)
      << tz.status();
}

TEST(LoadTimeZoneTest, RepeatedLoadsReturnTheSameZone) {
  ASSERT_OK_AND_ASSIGN(absl::TimeZone first, LoadTimeZone("Australia/Lord_Howe"));
  ASSERT_OK_AND_ASSIGN(absl::TimeZone second, LoadTimeZone("Australia/Lord_Howe"));
  EXPECT_EQ(first, second);
}

TEST(LoadTimeZoneTest, IsSafeToCallFromManyThreads) {
  constexpr int kThreads = 8;
  constexpr int kLoadsPerThread = 200;
  const std::vector<std::string> names = {"Europe/Paris", "Asia/Kolkata", "America/Chicago",
                                          "Africa/Nairobi", "Nope/Nope"};
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kLoadsPerThread; ++j) {
        const std::string& name = names[static_cast<std::size_t>(i + j) % names.size()];
        Result<absl::TimeZone> tz = LoadTimeZone(name);
        const bool expect_ok = name != "Nope/Nope";
        if (tz.ok() != expect_ok || (tz.ok() && tz->name() != name)) {
          ++failures[static_cast<std::size_t>(i)];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace accrue
