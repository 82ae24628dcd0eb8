// Section B of ../shared/data/vectors/vectors.md: the tier, package and percentage examples of
// Lago, Kill Bill, Stripe and others, each expressed in our terms. Where a source counts tiers
// differently the translation is spelled out next to the test.
#include <gtest/gtest.h>

#include "accrue/domain/pricing/pricing_test_util.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using pricing_test::Amount;
using pricing_test::AmountOfTransactions;
using pricing_test::Graduated;
using pricing_test::Package;
using pricing_test::Percentage;
using pricing_test::Tier;
using pricing_test::Volume;

// B1. Lago's ranges [0-10], [11-20], [21-inf) are our up_to 10, 20, open. The first tier's flat
// fee is charged at zero units, as in Lago's current spec.
TEST(PricingVectorsTest, B1LagoGraduatedWithFlatFees) {
  ChargePricing p =
      Graduated({Tier("10", "10", "2"), Tier("20", "5", "3"), Tier(nullptr, "5", "3")});
  EXPECT_EQ(Amount(p, "0"), "2");
  EXPECT_EQ(Amount(p, "1"), "12");
  EXPECT_EQ(Amount(p, "10"), "102");
  EXPECT_EQ(Amount(p, "11"), "110");
  EXPECT_EQ(Amount(p, "12"), "115");
  EXPECT_EQ(Amount(p, "21"), "163");
}

TEST(PricingVectorsTest, B2LagoGraduatedWithDecimalBounds) {
  ChargePricing p = Graduated({Tier("0.1", "10"), Tier("1", "5"), Tier(nullptr, "2")});
  EXPECT_EQ(Amount(p, "0.05"), "0.5");
  EXPECT_EQ(Amount(p, "0.5"), "3");
}

TEST(PricingVectorsTest, B3LagoVolume) {
  ChargePricing p =
      Volume({Tier("100", "2", "10"), Tier("200", "1", "0"), Tier(nullptr, "0.5", "50")});
  EXPECT_EQ(Amount(p, "0"), "10");
  EXPECT_EQ(Amount(p, "1"), "12");
  EXPECT_EQ(Amount(p, "100"), "210");
  EXPECT_EQ(Amount(p, "100.5"), "100.5");
  EXPECT_EQ(Amount(p, "101"), "101");
  EXPECT_EQ(Amount(p, "200"), "200");
  EXPECT_EQ(Amount(p, "300"), "200");
}

// B4 (Lago's prorated volume charge) is not modelled: charges are not prorated.

// B5/B6. Kill Bill's tier "max" is the size of the tier, not a cumulative bound: tiers of 10,
// 100 and 1000 units are our up_to 10, 110, open.
TEST(PricingVectorsTest, B5KillBillAllTiers) {
  ChargePricing p = Graduated({Tier("10", "1.5"), Tier("110", "1.0"), Tier(nullptr, "0.5")});
  ASSERT_OK_AND_ASSIGN(PricedUsage priced,
                       PriceUsage(p, UsageAmount{pricing_test::D("111"), 0, {}}));
  ASSERT_EQ(priced.steps.size(), 3u);
  EXPECT_EQ(priced.steps[0].amount.ToString(), "15");
  EXPECT_EQ(priced.steps[1].amount.ToString(), "100");
  EXPECT_EQ(priced.steps[2].amount.ToString(), "0.5");
  EXPECT_EQ(priced.amount.ToString(), "115.5");
}

TEST(PricingVectorsTest, B6KillBillTopTier) {
  ChargePricing p = Volume({Tier("10", "1.5"), Tier("110", "1.0"), Tier(nullptr, "0.5")});
  EXPECT_EQ(Amount(p, "111"), "55.5");
}

// B7/B8. Kill Bill blocks: tier 1 = 10 blocks of 100 (up_to 1000), tier 2 = 100 blocks of 1000
// (up_to 101000), tier 3 open with blocks of 1000. Prices are per started block.
TEST(PricingVectorsTest, B7KillBillTopTierWithBlocks) {
  ChargePricing p = Volume({Tier("1000", "1", "0", "100"), Tier("101000", "1", "0", "1000"),
                            Tier(nullptr, "0.5", "0", "1000")});
  EXPECT_EQ(Amount(p, "1000"), "10");
  EXPECT_EQ(Amount(p, "101000"), "101");
  EXPECT_EQ(Amount(p, "101001"), "51");
  EXPECT_EQ(Amount(p, "300000"), "150");
}

TEST(PricingVectorsTest, B8KillBillAllTiersWithBlocks) {
  ChargePricing p = Graduated({Tier("1000", "1", "0", "100"), Tier(nullptr, "1", "0", "1000")});
  EXPECT_EQ(Amount(p, "5325"), "15");
}

TEST(PricingVectorsTest, B9StripeVolume) {
  ChargePricing p = Volume({Tier("5", "7"), Tier("10", "6.5"), Tier(nullptr, "6")});
  EXPECT_EQ(Amount(p, "1"), "7");
  EXPECT_EQ(Amount(p, "5"), "35");
  EXPECT_EQ(Amount(p, "6"), "39");
  EXPECT_EQ(Amount(p, "20"), "120");
  EXPECT_EQ(Amount(p, "25"), "150");
}

TEST(PricingVectorsTest, B10ZuploGraduatedAndVolume) {
  std::vector<PriceTier> tiers = {Tier("1000", "0.10"), Tier("10000", "0.05"),
                                  Tier(nullptr, "0.01")};
  EXPECT_EQ(Amount(Graduated(tiers), "15000"), "600");
  EXPECT_EQ(Amount(Volume(tiers), "15000"), "150");
}

TEST(PricingVectorsTest, B11AutumnGraduated) {
  ChargePricing p =
      Graduated({Tier("1000", "0.01"), Tier("10000", "0.008"), Tier(nullptr, "0.005")});
  EXPECT_EQ(Amount(p, "15000"), "107");
}

TEST(PricingVectorsTest, B12LagoPackageWithFreeUnits) {
  EXPECT_EQ(Amount(Package("10", "100", "0"), "121"), "1300");
  EXPECT_EQ(Amount(Package("10", "100", "10"), "121"), "1200");
  EXPECT_EQ(Amount(Package("10", "100", "200"), "121"), "0");
}

// B13. Lago: (800 − 250) × 1.3% + (4 − 2) × 2.0 = 11.15. The percentage part agrees (7.15). Lago
// also waives the fixed fee of the transactions the free amount covers, which needs each
// event's amount; our fixed fee applies to every transaction (docs/pricing.md), so 4 × 2.0.
TEST(PricingVectorsTest, B13LagoPercentageWithFreeAmount) {
  EXPECT_EQ(Amount(Percentage("1.3", "0", "250"), "800", 4), "7.15");
  EXPECT_EQ(Amount(Percentage("1.3", "2.0", "250"), "800", 4), "15.15");
}

TEST(PricingVectorsTest, B14LagoPercentageWithTransactionMinMax) {
  EXPECT_EQ(AmountOfTransactions(Percentage("2.99", "0", "0", "1.75", "12"), {"10", "80", "10000"}),
            "16.142");
  EXPECT_EQ(AmountOfTransactions(Percentage("2.99"), {"10", "80", "10000"}), "301.691");
  EXPECT_EQ(Amount(Percentage("2.99"), "10090", 3), "301.691");
}

}  // namespace
}  // namespace accrue
