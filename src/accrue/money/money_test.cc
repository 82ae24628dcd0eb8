#include "accrue/money/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kUsd = Currency::FromCodeOrDie("USD");
const Currency kJpy = Currency::FromCodeOrDie("JPY");
const Currency kKwd = Currency::FromCodeOrDie("KWD");
const Currency kClf = Currency::FromCodeOrDie("CLF");

Decimal D(std::string_view text) { return Decimal::Parse(text).value(); }

TEST(MoneyTest, ToStringHasExactlyTheCurrencyDigits) {
  EXPECT_EQ(Money::FromMinor(1230, kEur).ToString(), "12.30");
  EXPECT_EQ(Money::FromMinor(1000, kJpy).ToString(), "1000");
  EXPECT_EQ(Money::FromMinor(1500, kKwd).ToString(), "1.500");
  EXPECT_EQ(Money::FromMinor(-5, kEur).ToString(), "-0.05");
  EXPECT_EQ(Money::FromMinor(0, kEur).ToString(), "0.00");
  EXPECT_EQ(Money::FromMinor(12345, kClf).ToString(), "1.2345");
  EXPECT_EQ(Money::FromMinor(INT64_MAX, kEur).ToString(), "92233720368547758.07");
  EXPECT_EQ(Money::FromMinor(-INT64_MAX, kJpy).ToString(), "-9223372036854775807");
  std::ostringstream out;
  out << Money::FromMinor(-1999, kUsd);
  EXPECT_EQ(out.str(), "-19.99 USD");
}

TEST(MoneyTest, ToDecimalIsExact) {
  EXPECT_EQ(Money::FromMinor(1234, kEur).ToDecimal(), D("12.34"));
  EXPECT_EQ(Money::FromMinor(1234, kKwd).ToDecimal(), D("1.234"));
  EXPECT_EQ(Money::FromMinor(1234, kJpy).ToDecimal(), D("1234"));
  EXPECT_EQ(Money::FromMinor(-1, kClf).ToDecimal(), D("-0.0001"));
}

TEST(MoneyTest, FromDecimalRoundsToTheCurrencyExponent) {
  EXPECT_EQ(Money::FromDecimal(D("12.345"), kEur, RoundingMode::kHalfEven)->minor_units(), 1234);
  EXPECT_EQ(Money::FromDecimal(D("12.345"), kEur, RoundingMode::kHalfUp)->minor_units(), 1235);
  EXPECT_EQ(Money::FromDecimal(D("-12.345"), kEur, RoundingMode::kHalfUp)->minor_units(), -1235);
  EXPECT_EQ(Money::FromDecimal(D("12.5"), kJpy, RoundingMode::kHalfEven)->minor_units(), 12);
  EXPECT_EQ(Money::FromDecimal(D("13.5"), kJpy, RoundingMode::kHalfEven)->minor_units(), 14);
  EXPECT_EQ(Money::FromDecimal(D("1.2345"), kKwd, RoundingMode::kHalfUp)->minor_units(), 1235);
  EXPECT_EQ(Money::FromDecimal(D("1.2345"), kKwd, RoundingMode::kHalfDown)->minor_units(), 1234);
  EXPECT_EQ(Money::FromDecimal(D("1.23456"), kClf, RoundingMode::kCeiling)->minor_units(), 12346);
  ASSERT_OK_AND_ASSIGN(Money m, Money::FromDecimal(D("0.001"), kEur, RoundingMode::kUp));
  EXPECT_EQ(m, Money::FromMinor(1, kEur));
  EXPECT_EQ(m.currency(), kEur);
}

TEST(MoneyTest, FromDecimalDetectsOverflow) {
  Result<Money> m = Money::FromDecimal(D("92233720368547758.08"), kEur, RoundingMode::kDown);
  EXPECT_THAT(m, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(m, HasReason("amount.overflow"));
  EXPECT_THAT(Money::FromDecimal(D("9223372036854775808"), kJpy, RoundingMode::kDown),
              HasReason("amount.overflow"));
  EXPECT_OK(Money::FromDecimal(D("9223372036854775807"), kJpy, RoundingMode::kDown));
  EXPECT_THAT(Money::FromDecimal(Decimal::Max(), kKwd, RoundingMode::kDown),
              HasReason("amount.overflow"));
}

TEST(MoneyTest, ParseExactAcceptsAmountsExactInTheCurrency) {
  EXPECT_EQ(Money::ParseExact("12.34", kEur).value(), Money::FromMinor(1234, kEur));
  EXPECT_EQ(Money::ParseExact("12.340", kEur).value(), Money::FromMinor(1234, kEur));
  EXPECT_EQ(Money::ParseExact("-0.05", kEur).value(), Money::FromMinor(-5, kEur));
  EXPECT_EQ(Money::ParseExact("12", kEur).value(), Money::FromMinor(1200, kEur));
  EXPECT_EQ(Money::ParseExact("1000", kJpy).value(), Money::FromMinor(1000, kJpy));
  EXPECT_EQ(Money::ParseExact("1000.0", kJpy).value(), Money::FromMinor(1000, kJpy));
  EXPECT_EQ(Money::ParseExact("1.5", kKwd).value(), Money::FromMinor(1500, kKwd));
  EXPECT_EQ(Money::ParseExact("92233720368547758.07", kEur).value(),
            Money::FromMinor(INT64_MAX, kEur));
}

TEST(MoneyTest, ParseExactRejectsTooManyDecimals) {
  Result<Money> eur = Money::ParseExact("12.345", kEur);
  EXPECT_THAT(eur, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(eur, HasReason("amount.too_many_decimals"));
  EXPECT_THAT(eur, HasParam(""));
  EXPECT_EQ(eur.status().message(), "EUR amounts have at most 2 decimal places; got '12.345'");
  Result<Money> jpy = Money::ParseExact("1.5", kJpy);
  EXPECT_THAT(jpy, HasReason("amount.too_many_decimals"));
  EXPECT_EQ(jpy.status().message(), "JPY amounts have at most 0 decimal places; got '1.5'");
  EXPECT_THAT(Money::ParseExact("1.2345", kKwd), HasReason("amount.too_many_decimals"));
  // Too precise even for a Decimal: still the amount reason.
  EXPECT_THAT(Money::ParseExact("1.0000000000001", kEur), HasReason("amount.too_many_decimals"));
}

TEST(MoneyTest, ParseExactRejectsMalformedAndOutOfRange) {
  for (std::string_view text : {"", "12,34", "1e2", " 12", "EUR 12", "12.", ".5", "--1"}) {
    EXPECT_THAT(Money::ParseExact(text, kEur), HasReason("amount.malformed")) << text;
  }
  EXPECT_NE(Money::ParseExact("12,34", kEur).status().message().find("'12,34'"), std::string::npos);
  EXPECT_THAT(Money::ParseExact("92233720368547758.08", kEur), HasReason("amount.overflow"));
  EXPECT_THAT(Money::ParseExact("-92233720368547758.08", kEur), HasReason("amount.overflow"));
  EXPECT_THAT(Money::ParseExact("999999999999999999999999999999", kEur),
              HasReason("amount.overflow"));
}

TEST(MoneyTest, ArithmeticAndEquality) {
  const Money a = Money::FromMinor(1050, kEur);
  const Money b = Money::FromMinor(-75, kEur);
  EXPECT_EQ(Money::Add(a, b).value(), Money::FromMinor(975, kEur));
  EXPECT_EQ(Money::Sub(a, b).value(), Money::FromMinor(1125, kEur));
  EXPECT_EQ(a + b, Money::FromMinor(975, kEur));
  EXPECT_EQ(a - b, Money::FromMinor(1125, kEur));
  EXPECT_EQ(-a, Money::FromMinor(-1050, kEur));
  EXPECT_EQ(a.Negated().Negated(), a);
  EXPECT_TRUE((a - a).IsZero());
  EXPECT_EQ(b.Sign(), -1);
  EXPECT_NE(Money::FromMinor(0, kEur), Money::FromMinor(0, kUsd));
  EXPECT_NE(Money::FromMinor(1, kEur), Money::FromMinor(2, kEur));
  absl::flat_hash_set<Money> set = {a, a, b, Money::FromMinor(1050, kUsd)};
  EXPECT_EQ(set.size(), 3u);
}

TEST(MoneyTest, AddAndSubDetectOverflow) {
  const Money max = Money::FromMinor(INT64_MAX, kEur);
  const Money one = Money::FromMinor(1, kEur);
  EXPECT_THAT(Money::Add(max, one), HasReason("amount.overflow"));
  EXPECT_THAT(Money::Sub(max.Negated(), one), HasReason("amount.overflow"));
  EXPECT_THAT(Money::Sub(max, max.Negated()), HasReason("amount.overflow"));
  EXPECT_EQ(Money::Add(max, max.Negated()).value(), Money::FromMinor(0, kEur));
}

TEST(MoneyDeathTest, BugsStopTheProgram) {
  const Money eur = Money::FromMinor(100, kEur);
  const Money usd = Money::FromMinor(100, kUsd);
  EXPECT_DEATH(static_cast<void>(Money::Add(eur, usd)), "different currencies");
  EXPECT_DEATH(static_cast<void>(eur - usd), "different currencies");
  EXPECT_DEATH(static_cast<void>(Money::FromMinor(INT64_MAX, kEur) + eur), "overflowed");
  EXPECT_DEATH(static_cast<void>(Money::FromMinor(INT64_MIN, kEur)), "INT64_MIN");
}

}  // namespace
}  // namespace accrue
