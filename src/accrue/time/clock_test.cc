#include "accrue/time/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace accrue {
namespace {

TEST(ManualClockTest, MovesOnlyWhenTold) {
  const absl::Time start = absl::FromUnixSeconds(1'769'853'600);  // 2026-01-31T10:00:00Z
  ManualClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(absl::Hours(1));
  EXPECT_EQ(clock.Now(), start + absl::Hours(1));
  clock.Advance(absl::Nanoseconds(-1));
  EXPECT_EQ(clock.Now(), start + absl::Hours(1) - absl::Nanoseconds(1));
  clock.Set(start - absl::Hours(24));
  EXPECT_EQ(clock.Now(), start - absl::Hours(24));
}

TEST(ManualClockTest, WorksThroughTheInterface) {
  ManualClock manual(absl::UnixEpoch());
  const Clock& clock = manual;
  manual.Advance(absl::Seconds(5));
  EXPECT_EQ(clock.Now(), absl::UnixEpoch() + absl::Seconds(5));
}

TEST(ManualClockTest, ConcurrentAdvancesAreNotLost) {
  ManualClock clock(absl::UnixEpoch());
  constexpr int kThreads = 4;
  constexpr int kAdvances = 10'000;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&clock] {
      for (int j = 0; j < kAdvances; ++j) clock.Advance(absl::Microseconds(1));
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(clock.Now(), absl::UnixEpoch() + absl::Microseconds(kThreads * kAdvances));
}

TEST(SystemClockTest, IsCloseToAbseilNow) {
  SystemClock clock;
  EXPECT_LT(absl::AbsDuration(clock.Now() - absl::Now()), absl::Seconds(5));
}

}  // namespace
}  // namespace accrue
