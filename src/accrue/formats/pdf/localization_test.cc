// Amounts, numbers, dates and labels per locale. Every expected string is written out by hand
// (what ICU 72 / CLDR 42 print), with the invisible spaces spelled as escapes: U+00A0 no-break
// space, U+202F narrow no-break space.
#include "accrue/formats/pdf/localization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::pdf {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;

constexpr const char* kNbsp = "\u00A0";
constexpr const char* kNnbsp = "\u202F";

const Localizer& For(const char* tag) {
  Result<const Localizer*> l = Localizer::ForThread(tag);
  EXPECT_TRUE(l.ok()) << l.status();
  return **l;
}

Money M(std::string_view text, std::string_view currency) {
  return Money::ParseExact(text, Currency::FromCodeOrDie(currency)).value();
}

std::string Amount(const char* tag, std::string_view text, std::string_view currency) {
  Result<std::string> s = For(tag).Amount(M(text, currency));
  EXPECT_TRUE(s.ok()) << s.status();
  return s.value_or("");
}

TEST(PdfLocalization, AmountsPerLocale) {
  EXPECT_EQ(Amount("en-US", "1234.56", "USD"), "$1,234.56");
  EXPECT_EQ(Amount("en-US", "1234.56", "EUR"), "€1,234.56");
  EXPECT_EQ(Amount("en-GB", "1234.56", "GBP"), "£1,234.56");
  EXPECT_EQ(Amount("en-GB", "1234.56", "USD"), "US$1,234.56");
  EXPECT_EQ(Amount("de-DE", "1234.56", "EUR"), std::string("1.234,56") + kNbsp + "€");
  EXPECT_EQ(Amount("fr-FR", "1234.56", "EUR"), std::string("1") + kNnbsp + "234,56" + kNbsp + "€");
  EXPECT_EQ(Amount("ja-JP", "1235", "JPY"), "￥1,235");
  EXPECT_EQ(Amount("en-US", "1235", "JPY"), "¥1,235");
  EXPECT_EQ(Amount("en-GB", "-0.05", "EUR"), "-€0.05");
  EXPECT_EQ(Amount("de-DE", "-10.00", "EUR"), std::string("-10,00") + kNbsp + "€");
  EXPECT_EQ(Amount("en-US", "0.00", "USD"), "$0.00");
}

// The digits are ISO 4217's from our Currency, not CLDR's: IQD has 3 in ISO, 0 in CLDR (which
// would print "IQD 1,235"); KWD keeps its third decimal.
TEST(PdfLocalization, AmountDigitsFromIso4217) {
  EXPECT_EQ(Amount("en-US", "1234.560", "IQD"), std::string("IQD") + kNbsp + "1,234.560");
  EXPECT_EQ(Amount("de-DE", "1.250", "KWD"), std::string("1,250") + kNbsp + "KWD");
}

// Exact beyond what a double holds (2^53 ≈ 9.0e15): the largest Money in cents.
TEST(PdfLocalization, AmountsNeverThroughDouble) {
  EXPECT_EQ(Amount("en-US", "92233720368547758.07", "EUR"), "€92,233,720,368,547,758.07");
  EXPECT_EQ(Amount("de-DE", "90071992547409.93", "EUR"),
            std::string("90.071.992.547.409,93") + kNbsp + "€");
}

TEST(PdfLocalization, UnitPricesKeepTheirDigits) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  EXPECT_EQ(For("en-GB").UnitPrice(Decimal::Parse("0.0008").value(), eur).value(), "€0.0008");
  EXPECT_EQ(For("en-GB").UnitPrice(Decimal::Parse("49").value(), eur).value(), "€49.00");
  EXPECT_EQ(For("de-DE").UnitPrice(Decimal::Parse("0.000000000001").value(), eur).value(),
            std::string("0,000000000001") + kNbsp + "€");
}

TEST(PdfLocalization, NumbersAndPercents) {
  const Decimal q = Decimal::Parse("12500.0008").value();
  EXPECT_EQ(For("en-US").Number(q).value(), "12,500.0008");
  EXPECT_EQ(For("de-DE").Number(q).value(), "12.500,0008");
  EXPECT_EQ(For("fr-FR").Number(q).value(), std::string("12") + kNnbsp + "500,0008");
  EXPECT_EQ(For("ja-JP").Number(q).value(), "12,500.0008");
  const Decimal rate = Decimal::Parse("19").value();
  const Decimal reduced = Decimal::Parse("5.5").value();
  EXPECT_EQ(For("en-GB").Percent(rate).value(), "19%");
  EXPECT_EQ(For("de-DE").Percent(rate).value(), std::string("19") + kNbsp + "%");
  EXPECT_EQ(For("fr-FR").Percent(reduced).value(), std::string("5,5") + kNbsp + "%");
  EXPECT_EQ(For("ja-JP").Percent(rate).value(), "19%");
}

TEST(PdfLocalization, DatesPerLocale) {
  const absl::CivilDay day(2024, 3, 1);
  EXPECT_EQ(For("en-US").Date(day), "Mar 1, 2024");
  EXPECT_EQ(For("en-GB").Date(day), "1 Mar 2024");
  EXPECT_EQ(For("de-DE").Date(day), "01.03.2024");
  EXPECT_EQ(For("fr-FR").Date(day), "1 mars 2024");
  EXPECT_EQ(For("ja-JP").Date(day), "2024/03/01");
  // Far from the epoch, before it, and a leap day: no zone or rounding shifts the day.
  EXPECT_EQ(For("de-DE").Date(absl::CivilDay(1969, 12, 31)), "31.12.1969");
  EXPECT_EQ(For("de-DE").Date(absl::CivilDay(2096, 2, 29)), "29.02.2096");
}

TEST(PdfLocalization, LabelsAndCountries) {
  EXPECT_EQ(For("en-GB").Text(Label::kInvoice), "Invoice");
  EXPECT_EQ(For("de-DE").Text(Label::kInvoice), "Rechnung");
  EXPECT_EQ(For("fr-FR").Text(Label::kCreditNote), "Avoir");
  EXPECT_EQ(For("ja-JP").Text(Label::kInvoice), "請求書");
  EXPECT_EQ(For("de-DE").Text(Label::kDueDate), "Fälligkeitsdatum");
  EXPECT_EQ(For("es-ES").Text(Label::kDueDate), "Due date");               // English fallback
  EXPECT_EQ(For("es-ES").Date(absl::CivilDay(2024, 3, 1)), "1 mar 2024");  // but Spanish dates
  EXPECT_EQ(For("de-DE").Country("DE"), "Deutschland");
  EXPECT_EQ(For("fr-FR").Country("DE"), "Allemagne");
  EXPECT_EQ(For("ja-JP").Country("JP"), "日本");
  EXPECT_EQ(For("en-GB").Country("D1"), "D1");
  for (int i = 0; i < static_cast<int>(Label::kCount); ++i) {
    for (const char* tag : {"en-GB", "de-DE", "fr-FR", "ja-JP"}) {
      EXPECT_FALSE(For(tag).Text(static_cast<Label>(i)).empty()) << tag << " " << i;
    }
  }
}

TEST(PdfLocalization, InvalidLocale) {
  const std::string too_long(100, 'a');
  for (const char* tag : {"", "!!", "de_DE_", too_long.c_str()}) {
    Result<const Localizer*> l = Localizer::ForThread(tag);
    EXPECT_THAT(l, HasReason("pdf.invalid_locale")) << tag;
    EXPECT_THAT(l, HasParam("locale")) << tag;
  }
}

TEST(PdfLocalization, CachedPerThread) {
  ASSERT_OK_AND_ASSIGN(const Localizer* a, Localizer::ForThread("de-DE"));
  ASSERT_OK_AND_ASSIGN(const Localizer* b, Localizer::ForThread("de-DE"));
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace accrue::pdf
