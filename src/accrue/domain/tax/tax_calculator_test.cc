// The calculator on its own: EN 16931 rounding vectors (../shared/data/vectors/vectors.md,
// section C, from the CEN validation artefacts and their example invoices), the inclusive-price
// split, rounding modes and bad input.
#include "accrue/domain/tax/tax_calculator.h"

#include <gtest/gtest.h>

#include <vector>

#include "testing/status_matchers.h"

namespace accrue::tax {
namespace {

Currency Ccy(const char* code) { return Currency::FromCodeOrDie(code); }
Decimal D(const char* text) { return *Decimal::Parse(text); }
Money M(const char* text, const char* ccy = "EUR") { return *Money::ParseExact(text, Ccy(ccy)); }

TaxableItem Line(const char* amount, const char* percent, const char* ccy = "EUR",
                 TaxCategory category = TaxCategory::kStandard) {
  return TaxableItem{ItemKind::kLine, M(amount, ccy), category, D(percent), std::nullopt};
}

TaxResult Calc(const std::vector<TaxableItem>& items, RoundingLevel level,
               PriceMode prices = PriceMode::kExclusive, const char* ccy = "EUR",
               RoundingMode mode = RoundingMode::kHalfUp) {
  Result<TaxResult> r = CalculateTax(Ccy(ccy), prices, RoundingPolicy{level, mode}, items);
  EXPECT_TRUE(r.ok()) << r.status();
  if (r.ok()) return *std::move(r);
  const Money zero = Money::FromMinor(0, Ccy(ccy));
  return TaxResult{{}, {}, TaxTotals{zero, zero, zero, zero, zero, zero}};
}

// C1-C5: BR-CO-17 (test/Invoice-unit-UBL/BR-CO-17.xml).
TEST(En16931VectorsTest, C1ToC3GroupTaxRoundsHalfAwayFromZero) {
  EXPECT_EQ(GroupTax(M("2141.05"), D("14"), RoundingMode::kHalfUp), M("299.75"));     // 299.747
  EXPECT_EQ(GroupTax(M("-6491.34"), D("25"), RoundingMode::kHalfUp), M("-1622.84"));  // .835
  EXPECT_EQ(GroupTax(M("-2141.19"), D("5.5"), RoundingMode::kHalfUp), M("-117.77"));  // .76545
  EXPECT_OK(CheckBrCo17(M("2141.05"), D("14"), M("299.75")));
  EXPECT_OK(CheckBrCo17(M("-6491.34"), D("25"), M("-1622.84")));
  EXPECT_OK(CheckBrCo17(M("-2141.19"), D("5.5"), M("-117.77")));
}

TEST(En16931VectorsTest, C4ToleranceIsStrictlyLessThanOneUnit) {
  EXPECT_OK(CheckBrCo17(M("1000"), D("25"), M("250")));
  EXPECT_OK(CheckBrCo17(M("1000"), D("25"), M("250.99")));
  EXPECT_THAT(CheckBrCo17(M("1000"), D("25"), M("251")), testing::HasReason("tax.br_co_17"));
  EXPECT_THAT(CheckBrCo17(M("1000"), D("25"), M("249")), testing::HasReason("tax.br_co_17"));
}

TEST(En16931VectorsTest, BrCo17ToleranceIsOneCurrencyUnitEvenForYen) {
  // round(999 × 19 %, 2) = 189.81: 189 and 190 are within one yen, 188 and 191 are not.
  EXPECT_OK(CheckBrCo17(M("999", "JPY"), D("19"), M("189", "JPY")));
  EXPECT_OK(CheckBrCo17(M("999", "JPY"), D("19"), M("190", "JPY")));
  EXPECT_THAT(CheckBrCo17(M("999", "JPY"), D("19"), M("188", "JPY")),
              testing::HasReason("tax.br_co_17"));
  EXPECT_THAT(CheckBrCo17(M("999", "JPY"), D("19"), M("191", "JPY")),
              testing::HasReason("tax.br_co_17"));
}

TEST(En16931VectorsTest, C5) {
  EXPECT_EQ(GroupTax(M("2141.19"), D("2.1"), RoundingMode::kHalfUp), M("44.96"));  // 44.96499
  EXPECT_OK(CheckBrCo17(M("2141.19"), D("2.1"), M("44.96")));
  EXPECT_THAT(CheckBrCo17(M("2141.19"), D("2.1"), M("43.91")), testing::HasReason("tax.br_co_17"));
}

// C6: ubl-tc434-example8.xml, ten lines at 21 %.
const std::vector<TaxableItem> kExample8 = {
    Line("140.80", "21"), Line("16.16", "21"), Line("167.64", "21"), Line("88.74", "21"),
    Line("36.75", "21"),  Line("56.50", "21"), Line("83.34", "21"),  Line("190.31", "21"),
    Line("64.21", "21"),  Line("64.46", "21")};

TEST(En16931VectorsTest, C6VatIsComputedOnTheCategoryTotal) {
  TaxResult r = Calc(kExample8, RoundingLevel::kPerDocument);
  ASSERT_EQ(r.breakdown.size(), 1u);
  EXPECT_EQ(r.breakdown[0].taxable, M("908.91"));
  EXPECT_EQ(r.breakdown[0].tax, M("190.87"));
  EXPECT_EQ(r.breakdown[0].rounding_difference_minor, 0);
  EXPECT_EQ(r.totals.line_net, M("908.91"));
  EXPECT_EQ(r.totals.gross, M("1099.78"));
  // The line shares add up to the group's VAT, not to Σ per-line rounding (190.88).
  int64_t sum = 0;
  for (const TaxedItem& item : r.items) sum += item.tax.minor_units();
  EXPECT_EQ(sum, 19087);
  EXPECT_OK(CheckBrCo17(r.breakdown[0].taxable, r.breakdown[0].percent, r.breakdown[0].tax));
}

TEST(En16931VectorsTest, C6PerLineRoundingIsOneCentMore) {
  TaxResult r = Calc(kExample8, RoundingLevel::kPerLine);
  EXPECT_EQ(r.breakdown[0].tax, M("190.88"));
  EXPECT_EQ(r.breakdown[0].rounding_difference_minor, 1);
  EXPECT_EQ(r.items[0].tax, M("29.57"));  // 140.80 × 21 % = 29.568
  EXPECT_EQ(r.totals.gross, M("1099.79"));
  EXPECT_OK(CheckBrCo17(r.breakdown[0].taxable, r.breakdown[0].percent, r.breakdown[0].tax));
}

// C7: ubl-tc434-example1.xml, twenty lines at 6 % and 21 %, one of them negative.
TEST(En16931VectorsTest, C7TwoRatesAndANegativeLine) {
  std::vector<TaxableItem> items;
  for (const char* a : {"19.90", "9.85", "8.29", "14.46", "35.00", "35.00", "10.65", "1.55",
                        "14.37", "8.29", "16.58", "9.95", "3.30"}) {
    items.push_back(Line(a, "6"));
  }
  items.push_back(Line("10.80", "21"));
  items.push_back(Line("3.90", "6"));
  items.push_back(Line("7.60", "21"));
  items.push_back(Line("9.34", "21"));
  items.push_back(Line("18.63", "21"));
  items.push_back(Line("102.12", "6"));
  items.push_back(Line("-109.98", "6"));
  TaxResult r = Calc(items, RoundingLevel::kPerDocument);
  ASSERT_EQ(r.breakdown.size(), 2u);
  EXPECT_EQ(r.breakdown[0].percent, D("6"));
  EXPECT_EQ(r.breakdown[0].taxable, M("183.23"));
  EXPECT_EQ(r.breakdown[0].tax, M("10.99"));
  EXPECT_EQ(r.breakdown[1].percent, D("21"));
  EXPECT_EQ(r.breakdown[1].taxable, M("46.37"));
  EXPECT_EQ(r.breakdown[1].tax, M("9.74"));
  EXPECT_EQ(r.totals.net, M("229.60"));
  EXPECT_EQ(r.totals.tax, M("20.73"));
  EXPECT_EQ(r.totals.gross, M("250.33"));
  EXPECT_EQ(r.items[19].net, M("-109.98"));
  EXPECT_EQ(r.items[19].group, 0u);
}

// C9: BR-CO-15. Our totals are built so that gross = net + tax; the vector's 1250.01 cannot
// come out of the calculator.
TEST(En16931VectorsTest, C9TotalsAddUpExactly) {
  TaxResult r = Calc({Line("1000.00", "25")}, RoundingLevel::kPerDocument);
  EXPECT_EQ(r.totals.tax, M("250.00"));
  EXPECT_EQ(r.totals.gross, M("1250.00"));
}

// C10: ubl-tc434-example2.xml (NOK): lines at 25 %, 15 % and exempt, a document allowance and
// a charge at 25 %.
TEST(En16931VectorsTest, C10CategoriesWithAllowanceAndCharge) {
  const TaxExemption exempt{"", "Exempt New Means of Transport"};
  std::vector<TaxableItem> items = {
      Line("1273.00", "25", "NOK"),
      Line("-3.96", "15", "NOK"),
      Line("4.96", "15", "NOK"),
      {ItemKind::kLine, M("-25.00", "NOK"), TaxCategory::kExempt, D("0"), exempt},
      Line("187.50", "25", "NOK"),
      {ItemKind::kAllowance, M("100.00", "NOK"), TaxCategory::kStandard, D("25"), std::nullopt},
      {ItemKind::kCharge, M("100.00", "NOK"), TaxCategory::kStandard, D("25"), std::nullopt},
  };
  TaxResult r = Calc(items, RoundingLevel::kPerDocument, PriceMode::kExclusive, "NOK");
  ASSERT_EQ(r.breakdown.size(), 3u);
  EXPECT_EQ(r.breakdown[0].taxable, M("1460.50", "NOK"));
  EXPECT_EQ(r.breakdown[0].tax, M("365.13", "NOK"));
  EXPECT_EQ(r.breakdown[1].taxable, M("1.00", "NOK"));
  EXPECT_EQ(r.breakdown[1].tax, M("0.15", "NOK"));
  EXPECT_EQ(r.breakdown[2].category, TaxCategory::kExempt);
  EXPECT_EQ(r.breakdown[2].taxable, M("-25.00", "NOK"));
  EXPECT_EQ(r.breakdown[2].tax, M("0.00", "NOK"));
  EXPECT_EQ(r.breakdown[2].exemption, exempt);
  EXPECT_EQ(r.totals.line_net, M("1436.50", "NOK"));
  EXPECT_EQ(r.totals.allowances, M("100.00", "NOK"));
  EXPECT_EQ(r.totals.charges, M("100.00", "NOK"));
  EXPECT_EQ(r.totals.net, M("1436.50", "NOK"));
  EXPECT_EQ(r.totals.tax, M("365.28", "NOK"));
  EXPECT_EQ(r.totals.gross, M("1801.78", "NOK"));
  EXPECT_EQ(r.items[5].net, M("100.00", "NOK"));  // the allowance keeps its positive amount
  EXPECT_EQ(r.items[5].tax, M("25.00", "NOK"));
}

TEST(TaxCalculatorTest, InclusivePricesKeepTheGross) {
  // 119.00 at 19 % is exactly 100.00 + 19.00.
  TaxResult r = Calc({Line("119.00", "19")}, RoundingLevel::kPerLine, PriceMode::kInclusive);
  EXPECT_EQ(r.items[0].net, M("100.00"));
  EXPECT_EQ(r.items[0].tax, M("19.00"));
  EXPECT_EQ(r.totals.gross, M("119.00"));
}

TEST(TaxCalculatorTest, InclusivePrefersTheNetThatSatisfiesBrCo17) {
  // 0.06 / 1.19 = 0.0504 -> 0.05, whose VAT round(0.0095) = 0.01 gives back 0.06: exact.
  TaxResult r = Calc({Line("0.06", "19")}, RoundingLevel::kPerDocument, PriceMode::kInclusive);
  EXPECT_EQ(r.items[0].net, M("0.05"));
  EXPECT_EQ(r.breakdown[0].rounding_difference_minor, 0);
  // 0.03 cannot be reached: nets 0.02 and 0.03 give 0.02 and 0.04. The gross wins.
  r = Calc({Line("0.03", "19")}, RoundingLevel::kPerDocument, PriceMode::kInclusive);
  EXPECT_EQ(r.items[0].net, M("0.03"));
  EXPECT_EQ(r.items[0].tax, M("0.00"));
  EXPECT_EQ(r.breakdown[0].rounding_difference_minor, -1);
  EXPECT_OK(CheckBrCo17(r.breakdown[0].taxable, r.breakdown[0].percent, r.breakdown[0].tax));
}

TEST(TaxCalculatorTest, NegativeInclusiveIsTheMirrorImage) {
  TaxResult pos = Calc({Line("10.00", "19"), Line("0.99", "7", "EUR", TaxCategory::kReduced)},
                       RoundingLevel::kPerDocument, PriceMode::kInclusive);
  TaxResult neg = Calc({Line("-10.00", "19"), Line("-0.99", "7", "EUR", TaxCategory::kReduced)},
                       RoundingLevel::kPerDocument, PriceMode::kInclusive);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(neg.items[i].net, pos.items[i].net.Negated());
    EXPECT_EQ(neg.items[i].tax, pos.items[i].tax.Negated());
  }
  EXPECT_EQ(pos.breakdown[1].category, TaxCategory::kReduced);
}

TEST(TaxCalculatorTest, RoundingModeIsTheTenantsChoice) {
  // 1.50 × 19 % = 0.285 exactly.
  auto tax = [](RoundingMode mode) {
    return Calc({Line("1.50", "19")}, RoundingLevel::kPerDocument, PriceMode::kExclusive, "EUR",
                mode)
        .totals.tax;
  };
  EXPECT_EQ(tax(RoundingMode::kHalfUp), M("0.29"));
  EXPECT_EQ(tax(RoundingMode::kHalfEven), M("0.28"));
  EXPECT_EQ(tax(RoundingMode::kHalfDown), M("0.28"));
  EXPECT_EQ(tax(RoundingMode::kDown), M("0.28"));
  EXPECT_EQ(tax(RoundingMode::kUp), M("0.29"));
  EXPECT_EQ(tax(RoundingMode::kFloor), M("0.28"));
  EXPECT_EQ(tax(RoundingMode::kCeiling), M("0.29"));
  // 1.45 × 19 % = 0.2755: not a tie, every "half" mode agrees.
  EXPECT_EQ(Calc({Line("1.45", "19")}, RoundingLevel::kPerDocument, PriceMode::kExclusive, "EUR",
                 RoundingMode::kHalfEven)
                .totals.tax,
            M("0.28"));
}

TEST(TaxCalculatorTest, StandardAndReducedAtTheSameRateShareOneEn16931Group) {
  // EN 16931 writes AA as S, so S 20 % and AA 20 % must be one BG-23 or BR-CO-17 could fail.
  TaxResult r = Calc({Line("0.10", "20"), Line("0.12", "20", "EUR", TaxCategory::kReduced)},
                     RoundingLevel::kPerDocument);
  ASSERT_EQ(r.breakdown.size(), 1u);
  EXPECT_EQ(r.breakdown[0].category, TaxCategory::kStandard);
  EXPECT_EQ(r.breakdown[0].tax, M("0.04"));  // 0.22 × 20 % = 0.044
}

TEST(TaxCalculatorTest, EmptyDocumentHasZeroTotals) {
  TaxResult r = Calc({}, RoundingLevel::kPerDocument);
  EXPECT_TRUE(r.breakdown.empty());
  EXPECT_EQ(r.totals.gross, M("0"));
}

TEST(TaxCalculatorTest, RejectsBadItems) {
  auto status = [](std::vector<TaxableItem> items) {
    return CalculateTax(Ccy("EUR"), PriceMode::kExclusive, RoundingPolicy{}, items).status();
  };
  EXPECT_THAT(status({Line("1.00", "19"), Line("1.00", "19", "USD")}),
              testing::HasParam("items[1].amount"));
  EXPECT_THAT(status({Line("1.00", "19", "USD")}), testing::HasReason("tax.currency_mismatch"));
  EXPECT_THAT(status({Line("1.00", "0")}), testing::HasReason("tax.rate.bad_percent"));
  EXPECT_THAT(status({Line("1.00", "100")}), testing::HasReason("tax.rate.bad_percent"));
  EXPECT_THAT(status({Line("1.00", "-5")}), testing::HasReason("tax.rate.bad_percent"));
  EXPECT_THAT(status({Line("1.00", "5", "EUR", TaxCategory::kZero)}),
              testing::HasReason("tax.rate.bad_percent"));
  EXPECT_THAT(status({Line("1.00", "0", "EUR", TaxCategory::kReverseCharge)}),
              testing::HasReason("tax.exemption.missing"));
  EXPECT_THAT(status({Line("10000000000000.01", "19")}),
              testing::HasReason("tax.amount_too_large"));
  TaxableItem a{ItemKind::kLine, M("1.00"), TaxCategory::kExempt, D("0"),
                TaxExemption{"VATEX-EU-132", "Exempt"}};
  TaxableItem b = a;
  b.exemption = TaxExemption{"VATEX-EU-143", "Exempt"};
  Status s = status({a, b});
  EXPECT_THAT(s, testing::HasReason("tax.exemption.conflict"));
  EXPECT_THAT(s, testing::HasParam("items[1].exemption"));
  b.exemption = TaxExemption{"vatex-eu-143", ""};
  EXPECT_THAT(status({b}), testing::HasReason("tax.exemption.bad_code"));
  EXPECT_THAT(status(std::vector<TaxableItem>(kTaxItemsMax + 1, Line("1.00", "19"))),
              testing::HasReason("tax.too_many_items"));
}

TEST(TaxCategoryTest, CodesRoundTripAndAaIsWrittenAsS) {
  for (TaxCategory c :
       {TaxCategory::kStandard, TaxCategory::kReduced, TaxCategory::kZero, TaxCategory::kExempt,
        TaxCategory::kReverseCharge, TaxCategory::kIntraCommunity, TaxCategory::kExport,
        TaxCategory::kOutsideScope}) {
    ASSERT_OK_AND_ASSIGN(TaxCategory back, ParseTaxCategory(TaxCategoryCode(c)));
    EXPECT_EQ(back, c);
  }
  EXPECT_EQ(En16931Code(TaxCategory::kReduced), "S");
  EXPECT_EQ(En16931Code(TaxCategory::kReverseCharge), "AE");
  EXPECT_THAT(ParseTaxCategory("s"), testing::HasReason("tax.category_unknown"));
  EXPECT_FALSE(NeedsExemptionReason(TaxCategory::kZero));
  EXPECT_TRUE(NeedsExemptionReason(TaxCategory::kIntraCommunity));
}

}  // namespace
}  // namespace accrue::tax
