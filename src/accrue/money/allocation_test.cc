#include "accrue/money/allocation.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "accrue/money/decimal.h"  // Int128

namespace accrue {
namespace {

using Parts = std::vector<int64_t>;

TEST(AllocateTest, SplitsProportionallyWithoutLosingACent) {
  EXPECT_EQ(Allocate(100, Parts{1, 1, 1}), (Parts{34, 33, 33}));
  EXPECT_EQ(Allocate(5, Parts{3, 7}), (Parts{2, 3}));  // 1.5 / 3.5: tie, earliest wins
  EXPECT_EQ(Allocate(1000, Parts{1, 2, 3, 4}), (Parts{100, 200, 300, 400}));
  EXPECT_EQ(Allocate(10, Parts{7}), (Parts{10}));
  // 1/6 of 100 = 16.67, 2/6 = 33.33, 3/6 = 50: the 0.67 remainder wins the leftover cent.
  EXPECT_EQ(Allocate(100, Parts{1, 2, 3}), (Parts{17, 33, 50}));
  // Largest remainder, not earliest: 0.2, 0.4, 0.4 of 1 goes to the first of the two 0.4s.
  EXPECT_EQ(Allocate(1, Parts{1, 2, 2}), (Parts{0, 1, 0}));
  EXPECT_EQ(Allocate(2, Parts{1, 2, 2}), (Parts{0, 1, 1}));
  EXPECT_EQ(Allocate(0, Parts{5, 5}), (Parts{0, 0}));
}

TEST(AllocateTest, TiesGoToTheEarliestPartsEvenWhenThereAreMany) {
  // 7 left-over units among 40 equal remainders: parts 0..6 get them, whatever the sort does.
  const Parts weights(40, 3);
  Parts expected(40, 0);
  for (std::size_t i = 0; i < 7; ++i) expected[i] = 1;
  EXPECT_EQ(Allocate(7, weights), expected);
  // Shares are 13/36 (weight 1) and 26/36 (weight 2), all with floor 0: the twelve larger
  // remainders take 12 units, and the 13th goes to the earliest of the smaller ones.
  const Parts mixed = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
  const Parts split = Allocate(13, mixed);
  for (std::size_t i = 0; i < split.size(); ++i) {
    EXPECT_EQ(split[i], (mixed[i] == 2 || i == 0) ? 1 : 0) << i;
  }
}

TEST(AllocateTest, ZeroWeightsGetNothingUnlessAllAreZero) {
  EXPECT_EQ(Allocate(100, Parts{0, 1, 0, 1}), (Parts{0, 50, 0, 50}));
  EXPECT_EQ(Allocate(101, Parts{0, 1, 0, 1}), (Parts{0, 51, 0, 50}));
  EXPECT_EQ(Allocate(100, Parts{0, 0, 0}), (Parts{34, 33, 33}));
  EXPECT_EQ(Allocate(-100, Parts{0, 0, 0}), (Parts{-34, -33, -33}));
}

TEST(AllocateTest, NegativeTotalsMirrorPositiveOnes) {
  EXPECT_EQ(Allocate(-100, Parts{1, 1, 1}), (Parts{-34, -33, -33}));
  EXPECT_EQ(Allocate(-100, Parts{1, 2, 3}), (Parts{-17, -33, -50}));
  EXPECT_EQ(Allocate(-5, Parts{3, 7}), (Parts{-2, -3}));
}

TEST(AllocateTest, ExtremeValues) {
  const Parts max_weights = {INT64_MAX, INT64_MAX, 1};
  const Parts parts = Allocate(INT64_MAX, max_weights);
  EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), Int128{0}), Int128{INT64_MAX});
  const Parts min = Allocate(INT64_MIN, Parts{1});
  EXPECT_EQ(min, (Parts{INT64_MIN}));
  const Parts halves = Allocate(INT64_MIN, Parts{1, 1});
  EXPECT_EQ(halves, (Parts{INT64_MIN / 2, INT64_MIN / 2}));
}

TEST(AllocateEvenlyTest, LargerPartsFirst) {
  EXPECT_EQ(AllocateEvenly(100, 3), (Parts{34, 33, 33}));
  EXPECT_EQ(AllocateEvenly(-100, 3), (Parts{-34, -33, -33}));
  EXPECT_EQ(AllocateEvenly(2, 5), (Parts{1, 1, 0, 0, 0}));
  EXPECT_EQ(AllocateEvenly(0, 2), (Parts{0, 0}));
  EXPECT_EQ(AllocateEvenly(7, 1), (Parts{7}));
  EXPECT_EQ(AllocateEvenly(INT64_MIN, 2), (Parts{INT64_MIN / 2, INT64_MIN / 2}));
}

TEST(AllocateDeathTest, BadArgumentsAreBugs) {
  EXPECT_DEATH(static_cast<void>(Allocate(100, Parts{})), "parts");
  EXPECT_DEATH(static_cast<void>(Allocate(100, Parts{1, -1})), "non-negative");
  EXPECT_DEATH(static_cast<void>(AllocateEvenly(100, 0)), "parts");
}

// (c) For random totals and weights: parts sum to the total, and each part is within one minor
// unit of its exact share total * w / W, i.e. |part * W - total * w| < W.
TEST(AllocatePropertyTest, SumsExactlyAndStaysWithinOneUnitOfTheExactShare) {
  std::mt19937_64 rng(1234);
  auto uniform = [&rng](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  for (int i = 0; i < 5'000; ++i) {
    const int64_t magnitude_max = uniform(0, 1) == 0 ? 1'000 : INT64_MAX;
    const int64_t total = uniform(-magnitude_max, magnitude_max);
    const int64_t weight_max =
        uniform(0, 2) == 0 ? 3 : (uniform(0, 1) == 0 ? 1'000'000 : INT64_MAX);
    Parts weights(static_cast<std::size_t>(uniform(1, 20)));
    for (int64_t& w : weights) w = uniform(0, 3) == 0 ? 0 : uniform(0, weight_max);
    const Parts parts = Allocate(total, weights);
    ASSERT_EQ(parts.size(), weights.size());
    EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), Int128{0}), Int128{total});
    Int128 weight_sum = std::accumulate(weights.begin(), weights.end(), Int128{0});
    for (std::size_t k = 0; k < parts.size(); ++k) {
      // With all-zero weights the split is even: every share is total / n.
      const Int128 w = weight_sum == 0 ? 1 : weights[k];
      const Int128 sum = weight_sum == 0 ? static_cast<Int128>(parts.size()) : weight_sum;
      const Int128 error = Int128{parts[k]} * sum - Int128{total} * w;
      EXPECT_LT(error < 0 ? -error : error, sum) << "part " << k << " of total " << total;
      EXPECT_TRUE(parts[k] == 0 || (parts[k] < 0) == (total < 0));
    }
    EXPECT_EQ(Allocate(-total, weights), [&] {
      Parts mirrored = parts;
      for (int64_t& p : mirrored) p = -p;
      return mirrored;
    }());
  }
}

}  // namespace
}  // namespace accrue
