// Hand-computed pricing cases: boundaries, zero and negative usage, large quantities, 12-decimal
// prices, free units, period minimum and maximum, rounding, validation.
#include "accrue/domain/pricing/pricing.h"

#include <gtest/gtest.h>

#include "accrue/domain/pricing/charge.h"
#include "accrue/domain/pricing/pricing_test_util.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using pricing_test::Amount;
using pricing_test::AmountOfTransactions;
using pricing_test::D;
using pricing_test::Graduated;
using pricing_test::Package;
using pricing_test::Percentage;
using pricing_test::PerUnit;
using pricing_test::Tier;
using pricing_test::Volume;
using testing::HasParam;
using testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kJpy = Currency::FromCodeOrDie("JPY");
const Currency kKwd = Currency::FromCodeOrDie("KWD");

PricedUsage Priced(const ChargePricing& p, const char* quantity, int64_t events = 0) {
  Result<PricedUsage> r = PriceUsage(p, UsageAmount{D(quantity), events, {}});
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : PricedUsage{};
}

TEST(PricingTest, PerUnitIsQuantityTimesPrice) {
  EXPECT_EQ(Amount(PerUnit("0.001"), "12345"), "12.345");
  EXPECT_EQ(Amount(PerUnit("0.001"), "0"), "0");
}

TEST(PricingTest, TwelveDecimalPricesStayExactUntilTheLineIsRounded) {
  // 0.5 × 10^-12 has 13 decimals: a Decimal product would already have rounded it.
  EXPECT_EQ(Amount(PerUnit("0.000000000001"), "0.5"), "0.0000000000005");
  EXPECT_EQ(Amount(PerUnit("0.333333333333"), "0.333333333333"), "0.111111111110888888888889");
  // 5 × 10^9 calls at 10^-12: exactly half a cent, rounded half-up once, to 0.01.
  PricedUsage p = Priced(PerUnit("0.000000000001"), "5000000000");
  EXPECT_EQ(p.amount.ToString(), "0.005");
  EXPECT_EQ(RoundLineAmount(p.amount, kEur), 1);
  EXPECT_EQ(RoundLineAmount(Priced(PerUnit("0.000000000001"), "4999999999").amount, kEur), 0);
}

TEST(PricingTest, GraduatedTierBoundaryIsInclusive) {
  ChargePricing p = Graduated({Tier("100", "1"), Tier(nullptr, "0.5")});
  PricedUsage at = Priced(p, "100");
  ASSERT_EQ(at.steps.size(), 1u);
  EXPECT_EQ(at.amount.ToString(), "100");
  PricedUsage above = Priced(p, "100.000000000001");
  ASSERT_EQ(above.steps.size(), 2u);
  EXPECT_EQ(above.steps[1].from, D("100"));
  EXPECT_FALSE(above.steps[1].to.has_value());
  EXPECT_EQ(above.steps[1].units, D("0.000000000001"));
  EXPECT_EQ(above.amount.ToString(), "100.0000000000005");
}

TEST(PricingTest, VolumeTierBoundaryIsInclusive) {
  ChargePricing p = Volume({Tier("100", "1"), Tier(nullptr, "0.5")});
  EXPECT_EQ(Amount(p, "100"), "100");
  EXPECT_EQ(Amount(p, "100.000000000001"), "50.0000000000005");
  PricedUsage above = Priced(p, "100.000000000001");
  ASSERT_EQ(above.steps.size(), 1u);
  EXPECT_EQ(above.steps[0].from, D("100"));
  EXPECT_EQ(above.steps[0].units, D("100.000000000001"));
}

TEST(PricingTest, GraduatedStepsExplainTheAmount) {
  ChargePricing p = Graduated(
      {Tier("1000", "0", "0"), Tier("10000", "0.002", "5"), Tier(nullptr, "0.001", "10")});
  PricedUsage priced = Priced(p, "12500");
  ASSERT_EQ(priced.steps.size(), 3u);
  const PricingStep& s = priced.steps[1];
  EXPECT_EQ(s.kind, PricingStepKind::kTier);
  EXPECT_EQ(s.from, D("1000"));
  EXPECT_EQ(*s.to, D("10000"));
  EXPECT_EQ(s.units, D("9000"));
  EXPECT_EQ(s.billed_units, D("9000"));
  EXPECT_EQ(s.unit_price, D("0.002"));
  EXPECT_EQ(s.flat_fee, D("5"));
  EXPECT_EQ(s.amount.ToString(), "23");
  EXPECT_EQ(priced.steps[2].units, D("2500"));
  EXPECT_EQ(priced.amount.ToString(), "35.5");  // 0 + (18 + 5) + (2.5 + 10)
}

TEST(PricingTest, ZeroUsage) {
  EXPECT_EQ(Amount(PerUnit("2"), "0"), "0");
  EXPECT_EQ(Amount(Graduated({Tier("10", "1"), Tier(nullptr, "0.5")}), "0"), "0");
  EXPECT_EQ(Amount(Volume({Tier("10", "1", "4"), Tier(nullptr, "0.5", "9")}), "0"), "4");
  EXPECT_EQ(Amount(Package("100", "5"), "0"), "0");
  EXPECT_EQ(Amount(Percentage("2.9", "0.30"), "0", 0), "0");
}

TEST(PricingTest, NegativeQuantities) {
  // Per-unit and percentage credit the refund; free units do not enlarge it.
  EXPECT_EQ(Amount(PerUnit("2", "3"), "-5"), "-10");
  EXPECT_EQ(Amount(Percentage("2.9", "0.30"), "-100", 1), "-2.6");
  // Tiers and packages clamp at zero: the zero-usage price (here the base fee of 4).
  PricedUsage g = Priced(Graduated({Tier("10", "1", "4"), Tier(nullptr, "0.5")}), "-5");
  EXPECT_EQ(g.billable_quantity, D("0"));
  EXPECT_EQ(g.amount.ToString(), "4");
  EXPECT_EQ(Amount(Volume({Tier("10", "1"), Tier(nullptr, "0.5")}), "-5"), "0");
  EXPECT_EQ(Amount(Package("10", "1"), "-5"), "0");
  EXPECT_EQ(RoundLineAmount(Priced(PerUnit("0.001"), "-5").amount, kEur), -1);  // -0.005
}

TEST(PricingTest, LargeQuantities) {
  EXPECT_EQ(Amount(PerUnit("0.000000000001"), "100000000000000"), "100");
  EXPECT_EQ(Amount(PerUnit("1"), "100000000000000"), "100000000000000");
  ChargePricing tiers = Graduated({Tier("1000000", "0.01"), Tier(nullptr, "0.000001")});
  // 10^6 × 0.01 + 10^18 × 10^-6 = 10^4 + 10^12.
  EXPECT_EQ(Amount(tiers, "1000000000001000000"), "1000000010000");
  // Beyond 1.7e14 currency units on one line is an input error, not a wrap.
  EXPECT_EQ(Amount(PerUnit("1"), "1000000000000000000"), "error:amount.overflow");
  EXPECT_EQ(Amount(PerUnit("99999999999999"), "99999999999999"), "error:amount.overflow");
  EXPECT_EQ(Amount(Package("0.000000000001", "1"), "100000000000000000"), "error:amount.overflow");
}

TEST(PricingTest, FreeUnitsAreDeductedBeforePricing) {
  PricedUsage p = Priced(PerUnit("0.01", "1000"), "1500");
  EXPECT_EQ(p.free_units, D("1000"));
  EXPECT_EQ(p.billable_quantity, D("500"));
  EXPECT_EQ(p.amount.ToString(), "5");
  PricedUsage all_free = Priced(PerUnit("0.01", "1000"), "800");
  EXPECT_EQ(all_free.free_units, D("800"));
  EXPECT_EQ(all_free.amount.ToString(), "0");
  // Volume picks its tier by the billable quantity: 150 - 60 = 90 is in the first tier.
  EXPECT_EQ(Amount(Volume({Tier("100", "1"), Tier(nullptr, "0.5")}, "60"), "150"), "90");
}

TEST(PricingTest, PackageCountsStartedPackages) {
  EXPECT_EQ(Amount(Package("1000", "5"), "1"), "5");
  EXPECT_EQ(Amount(Package("1000", "5"), "1000"), "5");
  EXPECT_EQ(Amount(Package("1000", "5"), "1000.000000000001"), "10");
  EXPECT_EQ(Amount(Package("0.5", "1"), "1.2"), "3");
  PricedUsage p = Priced(Package("1000", "5"), "2500");
  ASSERT_EQ(p.steps.size(), 1u);
  EXPECT_EQ(p.steps[0].billed_units, D("3"));
  EXPECT_EQ(*p.steps[0].package_size, D("1000"));
}

TEST(PricingTest, PercentageWithFixedFees) {
  // 2.9% of 1234.56 plus 0.30 on each of 7 transactions.
  PricedUsage p = Priced(Percentage("2.9", "0.30"), "1234.56", 7);
  ASSERT_EQ(p.steps.size(), 2u);
  EXPECT_EQ(p.steps[0].unit_price, D("0.029"));
  EXPECT_EQ(p.steps[0].amount.ToString(), "35.80224");
  EXPECT_EQ(p.steps[1].amount.ToString(), "2.1");
  EXPECT_EQ(RoundLineAmount(p.amount, kEur), 3790);
  // Rates with 10 decimals are exact.
  EXPECT_EQ(Amount(Percentage("0.0000000001"), "1"), "0.000000000001");
}

TEST(PricingTest, PercentagePerTransactionBounds) {
  ChargePricing p = Percentage("2", "0.25", "0", "0.50", "3");
  // 10 → 0.45 raised to 0.50; 100 → 2.25; 500 → 10.25 cut to 3; -50 (a refund) → -0.75 unclamped.
  EXPECT_EQ(AmountOfTransactions(p, {"10", "100", "500", "-50"}), "5");
  Result<PricedUsage> r = PriceUsage(p, UsageAmount{D("610"), 3, {}});
  EXPECT_THAT(r, HasReason("pricing.transactions_required"));
  std::vector<Decimal> tx = {D("10"), D("20")};
  EXPECT_THAT(PriceUsage(p, UsageAmount{D("31"), 2, std::span<const Decimal>(tx)}),
              HasReason("pricing.transactions_inconsistent"));
  EXPECT_THAT(PriceUsage(p, UsageAmount{D("30"), 3, std::span<const Decimal>(tx)}),
              HasReason("pricing.transactions_inconsistent"));
}

TEST(PricingTest, PercentageFreeAmountCoversTheFirstTransactions) {
  // 150 free: the first 100 and 50 of the second; 2% of (50 + 300) = 7, fees are always due.
  EXPECT_EQ(AmountOfTransactions(Percentage("2", "0", "150", "0"), {"100", "100", "300"}), "7");
  EXPECT_EQ(Amount(Percentage("2", "0", "150"), "500", 3), "7");
}

TEST(PricingTest, NegativeEventCountIsRejected) {
  EXPECT_EQ(Amount(PerUnit("1"), "1", -1), "error:pricing.negative_event_count");
}

TEST(PricingTest, RoundLineAmountIsHalfUpToTheMinorUnit) {
  auto round = [](const char* text, Currency c) {
    return RoundLineAmount(*ExactAmount::Parse(text), c);
  };
  EXPECT_EQ(round("0.005", kEur), 1);
  EXPECT_EQ(round("0.004999999999999999999999", kEur), 0);
  EXPECT_EQ(round("-0.005", kEur), -1);
  EXPECT_EQ(round("12.345", kEur), 1235);
  EXPECT_EQ(round("0.5", kJpy), 1);
  EXPECT_EQ(round("1.0005", kKwd), 1001);
}

TEST(PricingTest, ExactAmountTextRoundTrips) {
  for (const char* text : {"0", "1", "-1", "0.000000000000000000000001", "170141183460469", "-12.5",
                           "123456.789012345678901234"}) {
    ASSERT_OK_AND_ASSIGN(ExactAmount a, ExactAmount::Parse(text));
    EXPECT_EQ(a.ToString(), text);
  }
  EXPECT_THAT(ExactAmount::Parse("170141183460470"), HasReason("amount.overflow"));
  EXPECT_THAT(ExactAmount::Parse("1."), HasReason("amount.malformed"));
  EXPECT_THAT(ExactAmount::Parse("0.0000000000000000000000001"), HasReason("amount.malformed"));
}

TEST(PricingTest, PriceChargeAddsAMinimumTrueUp) {
  Charge c;
  c.pricing = PerUnit("0.01");
  c.pricing.min_amount = D("10");
  std::vector<GroupUsage> usage = {{{{"region", "eu"}}, {D("100"), 3, {}}},
                                   {{{"region", "us"}}, {D("250.5"), 4, {}}}};
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(c, usage, kEur));
  ASSERT_EQ(priced.groups.size(), 2u);
  EXPECT_EQ(priced.groups[0].amount_minor, 100);
  EXPECT_EQ(priced.groups[1].amount_minor, 251);  // 2.505 rounds half-up
  ASSERT_TRUE(priced.adjustment.has_value());
  EXPECT_EQ(priced.adjustment->kind, PeriodLimitKind::kMinimum);
  EXPECT_EQ(priced.adjustment->lines_minor, 351);
  EXPECT_EQ(priced.adjustment->amount_minor, 649);
  EXPECT_EQ(priced.total_minor, 1000);
}

TEST(PricingTest, PriceChargeCapsAtTheMaximum) {
  Charge c;
  c.pricing = PerUnit("1");
  c.pricing.min_amount = D("1");
  c.pricing.max_amount = D("50");
  std::vector<GroupUsage> usage = {{{}, {D("75"), 1, {}}}};
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(c, usage, kEur));
  ASSERT_TRUE(priced.adjustment.has_value());
  EXPECT_EQ(priced.adjustment->kind, PeriodLimitKind::kMaximum);
  EXPECT_EQ(priced.adjustment->amount_minor, -2500);
  EXPECT_EQ(priced.total_minor, 5000);
  usage[0].usage.quantity = D("30");
  ASSERT_OK_AND_ASSIGN(PricedCharge inside, PriceCharge(c, usage, kEur));
  EXPECT_FALSE(inside.adjustment.has_value());
  EXPECT_EQ(inside.total_minor, 3000);
}

TEST(PricingTest, PriceChargeWithoutUsageIsOneZeroGroup) {
  Charge c;
  c.pricing = Volume({Tier("10", "1", "4"), Tier(nullptr, "0.5")});
  ASSERT_OK_AND_ASSIGN(PricedCharge priced, PriceCharge(c, {}, kEur));
  ASSERT_EQ(priced.groups.size(), 1u);
  EXPECT_TRUE(priced.groups[0].group.empty());
  EXPECT_EQ(priced.total_minor, 400);
}

TEST(PricingTest, ValidationRejectsBadTerms) {
  auto check = [](ChargePricing p) { return ValidateChargePricing(p, kEur); };
  EXPECT_OK(check(Graduated({Tier("100", "0.000000000001", "2.50"), Tier(nullptr, "0")})));
  EXPECT_THAT(check(Graduated({})), HasParam("tiers"));
  EXPECT_THAT(check(Graduated({Tier("100", "1"), Tier("100", "1"), Tier(nullptr, "1")})),
              HasParam("tiers[1].up_to"));
  EXPECT_THAT(check(Graduated({Tier("100", "1"), Tier("50", "1"), Tier(nullptr, "1")})),
              HasReason("charge.tiers_not_ascending"));
  EXPECT_THAT(check(Graduated({Tier("0", "1"), Tier(nullptr, "1")})),
              HasReason("charge.tiers_not_ascending"));
  EXPECT_THAT(check(Volume({Tier("100", "1")})), HasReason("charge.last_tier_not_open"));
  EXPECT_THAT(check(Volume({Tier(nullptr, "1"), Tier(nullptr, "1")})),
              HasReason("charge.open_tier_not_last"));
  ChargePricing flat = Volume({Tier("10", "1", "0.005"), Tier(nullptr, "1")});
  EXPECT_THAT(check(flat), HasParam("tiers[0].flat_fee"));
  EXPECT_THAT(check(flat), HasReason("amount.too_many_decimals"));
  EXPECT_THAT(check(PerUnit("-1")), HasParam("unit_price"));
  EXPECT_THAT(check(Package("0", "5")), HasParam("package_size"));
  EXPECT_THAT(check(Percentage("100.5")), HasParam("rate_percent"));
  EXPECT_THAT(check(Percentage("1.00000000001")), HasReason("parameter.too_many_decimals"));
  EXPECT_THAT(check(Percentage("1", "0.001")), HasParam("fixed_fee"));
  EXPECT_THAT(check(Percentage("1", "0", "0", "5", "4")), HasReason("charge.min_above_max"));
  ChargePricing limits = PerUnit("1", "-1");
  EXPECT_THAT(check(limits), HasParam("free_units"));
  limits = PerUnit("1");
  limits.min_amount = D("10");
  limits.max_amount = D("5");
  EXPECT_THAT(check(limits), HasReason("charge.min_above_max"));
  EXPECT_OK(ValidateChargePricing(Percentage("1", "1"), kJpy));
  EXPECT_THAT(ValidateChargePricing(Percentage("1", "0.5"), kJpy),
              HasReason("amount.too_many_decimals"));
}

TEST(PricingTest, ModelNamesRoundTrip) {
  for (PricingModel m : {PricingModel::kPerUnit, PricingModel::kGraduated, PricingModel::kVolume,
                         PricingModel::kPackage, PricingModel::kPercentage}) {
    ASSERT_OK_AND_ASSIGN(PricingModel parsed, ParsePricingModel(PricingModelName(m)));
    EXPECT_EQ(parsed, m);
  }
  EXPECT_THAT(ParsePricingModel("tiered"), HasReason("charge.model_unknown"));
  EXPECT_EQ(Graduated({Tier(nullptr, "1")}).model(), PricingModel::kGraduated);
}

}  // namespace
}  // namespace accrue
