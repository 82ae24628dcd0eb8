#include "accrue/base/uuid.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

TEST(UuidTest, RoundTripsCanonicalText) {
  ASSERT_OK_AND_ASSIGN(Uuid id, Uuid::Parse("0190F3A2-7B1C-7D2E-8F00-123456789ABC"));
  EXPECT_EQ(id.ToString(), "0190f3a2-7b1c-7d2e-8f00-123456789abc");
  EXPECT_EQ(id.Version(), 7);
}

TEST(UuidTest, RejectsMalformedText) {
  EXPECT_FALSE(Uuid::Parse("").ok());
  EXPECT_FALSE(Uuid::Parse("0190f3a2-7b1c-7d2e-8f00-123456789ab").ok());
  EXPECT_FALSE(Uuid::Parse("0190f3a2x7b1c-7d2e-8f00-123456789abc").ok());
  EXPECT_FALSE(Uuid::Parse("0190f3a2-7b1c-7d2e-8f00-123456789abg").ok());
  EXPECT_THAT(Uuid::Parse("nope"), testing::HasReason("id.malformed"));
}

TEST(UuidV7GeneratorTest, CarriesTimestampVersionAndVariant) {
  UuidV7Generator gen(42);
  absl::Time t = absl::FromUnixMillis(1767225600123);
  Uuid id = gen.Next(t);
  EXPECT_EQ(id.Version(), 7);
  EXPECT_EQ(id.bytes()[8] >> 6, 0b10);
  EXPECT_EQ(id.UnixMillis(), 1767225600123);
}

TEST(UuidV7GeneratorTest, StrictlyIncreasingWithinOneMillisecondAndWhenClockStepsBack) {
  UuidV7Generator gen(7);
  absl::Time t = absl::FromUnixMillis(1767225600000);
  Uuid prev = gen.Next(t);
  for (int i = 0; i < 100000; ++i) {
    Uuid next = gen.Next(i % 1000 == 0 ? t - absl::Seconds(1) : t);
    ASSERT_LT(prev, next) << i;
    prev = next;
  }
}

TEST(UuidV7GeneratorTest, UniqueAcrossThreads) {
  UuidV7Generator gen;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::vector<Uuid>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) made[static_cast<size_t>(t)].push_back(gen.Next(absl::Now()));
    });
  }
  for (auto& th : threads) th.join();
  absl::flat_hash_set<Uuid> all;
  for (auto& v : made) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), size_t{kThreads * kPerThread});
}

}  // namespace
}  // namespace accrue
