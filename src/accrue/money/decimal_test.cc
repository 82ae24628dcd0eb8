#include "accrue/money/decimal.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

constexpr std::string_view kMax = "170141183460469231731687303";

Decimal D(std::string_view text) {
  Result<Decimal> value = Decimal::Parse(text);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.value_or(Decimal());
}

// --- Construction and text ------------------------------------------------------------------

TEST(DecimalTest, ConstructorsAgree) {
  EXPECT_EQ(Decimal().ToString(), "0");
  EXPECT_EQ(Decimal::FromInt(-42), D("-42"));
  EXPECT_EQ(Decimal::FromInt(INT64_MAX).ToString(), "9223372036854775807");
  EXPECT_EQ(Decimal::FromInt(INT64_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Decimal::FromMinor(1234, 2), D("12.34"));
  EXPECT_EQ(Decimal::FromMinor(-5, 2), D("-0.05"));
  EXPECT_EQ(Decimal::FromMinor(1500, 3), D("1.5"));
  EXPECT_EQ(Decimal::FromMinor(1000, 0), D("1000"));
  EXPECT_EQ(Decimal::FromMinor(12345, 4), D("1.2345"));
  EXPECT_EQ(Decimal::FromUnits(1), D("0.000000000001"));
  EXPECT_EQ(D("1.5").units(), Int128{1'500'000'000'000});
  EXPECT_EQ(Decimal::Max().ToString(), kMax);
}

TEST(DecimalTest, ParseAcceptsPlainDecimals) {
  EXPECT_EQ(D("-12.345").units(), -Int128{12'345'000'000'000});
  EXPECT_EQ(D("0.5").ToString(), "0.5");
  EXPECT_EQ(D("100").ToString(), "100");
  EXPECT_EQ(D("+7").ToString(), "7");
  EXPECT_EQ(D("007.50").ToString(), "7.5");
  EXPECT_EQ(D("-0").ToString(), "0");
  EXPECT_EQ(D("-0.000").Sign(), 0);
  EXPECT_EQ(D("0.000000000001").ToString(), "0.000000000001");
  EXPECT_EQ(D("-0.000000000001").ToString(), "-0.000000000001");
  // Zeros past the 12th decimal do not change the value.
  EXPECT_EQ(D("1.50000000000000000"), D("1.5"));
}

TEST(DecimalTest, ParseRejectsMalformedTextWithQuotedInput) {
  for (std::string_view text :
       {"",    "-",   "+",    ".",   ".5",  "1.",   "-.5", " 1",  "1 ",    "1 000",
        "1,5", "1e3", "1E-2", "--1", "+-1", "0x10", "inf", "NaN", "1.2.3", "١"}) {
    Result<Decimal> value = Decimal::Parse(text);
    EXPECT_THAT(value, StatusIs(absl::StatusCode::kInvalidArgument)) << "'" << text << "'";
    EXPECT_THAT(value, HasReason("decimal.malformed")) << "'" << text << "'";
    EXPECT_THAT(value, HasParam(""));
  }
  EXPECT_EQ(Decimal::Parse("1e3").status().message(),
            "'1e3' is not a decimal number: expected an optional sign, digits and an optional "
            "fraction, like -12.345");
}

TEST(DecimalTest, ParseTruncatesLongInputInMessages) {
  const std::string long_text(5000, '7');
  Result<Decimal> value = Decimal::Parse(long_text);
  EXPECT_THAT(value, HasReason("decimal.malformed"));
  EXPECT_LT(value.status().message().size(), 200u);
  EXPECT_NE(value.status().message().find("'7777777777"), std::string::npos);
  EXPECT_NE(value.status().message().find("...'"), std::string::npos);
  // Control bytes never reach the log line.
  EXPECT_EQ(Decimal::Parse("1\n2").status().message().find('\n'), std::string::npos);
}

TEST(DecimalTest, ParseRejectsTooManyFractionDigits) {
  Result<Decimal> value = Decimal::Parse("1.0000000000001");
  EXPECT_THAT(value, HasReason("decimal.too_many_fraction_digits"));
  EXPECT_EQ(value.status().message(), "'1.0000000000001' has more than 12 decimal places");
  EXPECT_THAT(Decimal::Parse("0.1234567890123"), HasReason("decimal.too_many_fraction_digits"));
}

TEST(DecimalTest, ParseDetectsOverflowAtTheRangeBoundary) {
  EXPECT_EQ(D(kMax), Decimal::Max());
  EXPECT_EQ(D(fmt::format("-{}", kMax)), Decimal::Max().Negated());
  EXPECT_EQ(D(fmt::format("000000{}.000000000000", kMax)), Decimal::Max());
  for (std::string text :
       {std::string("170141183460469231731687304"), fmt::format("{}.000000000001", kMax),
        fmt::format("-{}.000000000001", kMax), std::string("1000000000000000000000000000"),
        std::string(99, '9')}) {
    Result<Decimal> value = Decimal::Parse(text);
    EXPECT_THAT(value, HasReason("decimal.overflow")) << text;
    EXPECT_NE(value.status().message().find(text.substr(0, 20)), std::string::npos);
  }
}

TEST(DecimalTest, ToStringRoundTrips) {
  for (std::string_view text :
       {"0", "1", "-1", "12.5", "-0.000000000001", "0.000000000001", "123456789.123456789",
        "99999999999999999999999999.999999999999", "-170141183460469231731687303",
        "170141183460469231731687302.999999999999", "100000", "0.1"}) {
    EXPECT_EQ(D(text).ToString(), text);
  }
}

TEST(DecimalTest, ToFixedPadsAndRounds) {
  EXPECT_EQ(D("12.5").ToFixed(2, RoundingMode::kHalfEven), "12.50");
  EXPECT_EQ(D("12.345").ToFixed(2, RoundingMode::kHalfEven), "12.34");
  EXPECT_EQ(D("12.345").ToFixed(2, RoundingMode::kHalfUp), "12.35");
  EXPECT_EQ(D("12").ToFixed(0, RoundingMode::kDown), "12");
  EXPECT_EQ(D("1").ToFixed(12, RoundingMode::kDown), "1.000000000000");
  EXPECT_EQ(D("-0.001").ToFixed(2, RoundingMode::kHalfUp), "0.00");  // no "-0.00"
  EXPECT_EQ(D("-0.005").ToFixed(2, RoundingMode::kHalfUp), "-0.01");
  EXPECT_EQ(D("0.999").ToFixed(2, RoundingMode::kHalfUp), "1.00");
}

TEST(DecimalTest, Accessors) {
  EXPECT_EQ(D("-3.25").Sign(), -1);
  EXPECT_EQ(D("3.25").Sign(), 1);
  EXPECT_TRUE(D("0.000").IsZero());
  EXPECT_FALSE(D("0.000000000001").IsZero());
  EXPECT_EQ(D("-3.25").Abs(), D("3.25"));
  EXPECT_EQ(D("3.25").Abs(), D("3.25"));
  EXPECT_EQ(D("3.25").Negated(), D("-3.25"));
  EXPECT_EQ(-D("3.25"), D("-3.25"));
  EXPECT_EQ(Decimal::Max().Negated().Abs(), Decimal::Max());
  EXPECT_EQ(D("12.50").FractionDigits(), 1);
  EXPECT_EQ(D("-12").FractionDigits(), 0);
  EXPECT_EQ(D("0.000000000001").FractionDigits(), 12);
  EXPECT_EQ(D("-0.1000000001").FractionDigits(), 10);
  EXPECT_TRUE(D("12.30").HasAtMostFractionDigits(1));
  EXPECT_FALSE(D("12.34").HasAtMostFractionDigits(1));
  EXPECT_TRUE(D("12").HasAtMostFractionDigits(0));
  EXPECT_FALSE(D("-0.5").HasAtMostFractionDigits(0));
  EXPECT_TRUE(D("0.000000000001").HasAtMostFractionDigits(12));
  EXPECT_TRUE(D("0.000000000001").HasAtMostFractionDigits(40));
}

TEST(DecimalTest, OrderingAndHashing) {
  EXPECT_LT(D("-2"), D("-1.5"));
  EXPECT_LT(D("-0.000000000001"), D("0"));
  EXPECT_GT(D("10"), D("9.999999999999"));
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_NE(D("1.5"), D("-1.5"));
  absl::flat_hash_set<Decimal> set = {D("1.5"), D("1.50"), D("-1.5"), Decimal::Max()};
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.contains(D("1.500")));
}

// --- Rounding --------------------------------------------------------------------------------

struct RoundingCase {
  std::string_view input;
  int digits;
  // Expected results in the order of kAllRoundingModes:
  // half_up, half_even, half_down, down, up, floor, ceiling.
  std::array<std::string_view, 7> expected;
};

constexpr RoundingCase kRoundingCases[] = {
    {"2.5", 0, {"3", "2", "2", "2", "3", "2", "3"}},
    {"-2.5", 0, {"-3", "-2", "-2", "-2", "-3", "-3", "-2"}},
    {"3.5", 0, {"4", "4", "3", "3", "4", "3", "4"}},
    {"-3.5", 0, {"-4", "-4", "-3", "-3", "-4", "-4", "-3"}},
    {"2.45", 1, {"2.5", "2.4", "2.4", "2.4", "2.5", "2.4", "2.5"}},
    {"-2.45", 1, {"-2.5", "-2.4", "-2.4", "-2.4", "-2.5", "-2.5", "-2.4"}},
    {"0.125", 2, {"0.13", "0.12", "0.12", "0.12", "0.13", "0.12", "0.13"}},
    {"-0.125", 2, {"-0.13", "-0.12", "-0.12", "-0.12", "-0.13", "-0.13", "-0.12"}},
    {"0.135", 2, {"0.14", "0.14", "0.13", "0.13", "0.14", "0.13", "0.14"}},
    {"2.4", 0, {"2", "2", "2", "2", "3", "2", "3"}},
    {"2.6", 0, {"3", "3", "3", "2", "3", "2", "3"}},
    {"-2.6", 0, {"-3", "-3", "-3", "-2", "-3", "-3", "-2"}},
    // Just above and below a tie: every half mode agrees.
    {"2.500000000001", 0, {"3", "3", "3", "2", "3", "2", "3"}},
    {"-2.499999999999", 0, {"-2", "-2", "-2", "-2", "-3", "-3", "-2"}},
    // The smallest non-zero value.
    {"0.000000000001", 0, {"0", "0", "0", "0", "1", "0", "1"}},
    {"-0.000000000001", 0, {"0", "0", "0", "0", "-1", "-1", "0"}},
    {"-0.000000000001", 11, {"0", "0", "0", "0", "-0.00000000001", "-0.00000000001", "0"}},
    // Already exact: no mode changes it.
    {"2.45", 2, {"2.45", "2.45", "2.45", "2.45", "2.45", "2.45", "2.45"}},
    {"-7", 0, {"-7", "-7", "-7", "-7", "-7", "-7", "-7"}},
    {"9.99", 1, {"10", "10", "10", "9.9", "10", "9.9", "10"}},
    {"0.000000000005", 11, {"0.00000000001", "0", "0", "0", "0.00000000001", "0", "0.00000000001"}},
};

TEST(DecimalRoundingTest, EveryModeOnTiesAndNonTies) {
  for (const RoundingCase& c : kRoundingCases) {
    for (std::size_t m = 0; m < kAllRoundingModes.size(); ++m) {
      const RoundingMode mode = kAllRoundingModes[m];
      EXPECT_EQ(D(c.input).Rounded(c.digits, mode).ToString(), c.expected[m])
          << c.input << " to " << c.digits << " digits, " << RoundingModeName(mode);
    }
  }
}

TEST(DecimalRoundingTest, RoundingTheBoundsStaysInRange) {
  for (RoundingMode mode : kAllRoundingModes) {
    EXPECT_EQ(Decimal::Max().Rounded(0, mode), Decimal::Max());
    EXPECT_EQ(Decimal::Max().Negated().Rounded(0, mode), Decimal::Max().Negated());
  }
  const Decimal just_below = D("170141183460469231731687302.5");
  EXPECT_EQ(just_below.Rounded(0, RoundingMode::kUp), Decimal::Max());
}

TEST(DecimalRoundingTest, ToMinorUnits) {
  EXPECT_EQ(D("12.345").ToMinorUnits(2, RoundingMode::kHalfUp).value(), 1235);
  EXPECT_EQ(D("12.345").ToMinorUnits(2, RoundingMode::kHalfEven).value(), 1234);
  EXPECT_EQ(D("-12.345").ToMinorUnits(2, RoundingMode::kFloor).value(), -1235);
  EXPECT_EQ(D("-12.345").ToMinorUnits(2, RoundingMode::kCeiling).value(), -1234);
  EXPECT_EQ(D("1000.5").ToMinorUnits(0, RoundingMode::kHalfEven).value(), 1000);
  EXPECT_EQ(D("1.2345").ToMinorUnits(3, RoundingMode::kHalfUp).value(), 1235);
  EXPECT_EQ(D("1.23456").ToMinorUnits(4, RoundingMode::kDown).value(), 12345);
  EXPECT_EQ(D("0.000000000001").ToMinorUnits(12, RoundingMode::kDown).value(), 1);
}

TEST(DecimalRoundingTest, ToMinorUnitsDetectsInt64Overflow) {
  EXPECT_EQ(D("92233720368547758.07").ToMinorUnits(2, RoundingMode::kDown).value(), INT64_MAX);
  EXPECT_EQ(D("-92233720368547758.07").ToMinorUnits(2, RoundingMode::kDown).value(), -INT64_MAX);
  EXPECT_THAT(D("92233720368547758.08").ToMinorUnits(2, RoundingMode::kDown),
              HasReason("decimal.overflow"));
  // The range is symmetric: INT64_MIN is not produced either.
  EXPECT_THAT(D("-92233720368547758.08").ToMinorUnits(2, RoundingMode::kDown),
              HasReason("decimal.overflow"));
  // Rounding itself can push a value over the edge.
  EXPECT_EQ(D("92233720368547758.074").ToMinorUnits(2, RoundingMode::kHalfUp).value(), INT64_MAX);
  EXPECT_THAT(D("92233720368547758.075").ToMinorUnits(2, RoundingMode::kHalfUp),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Max().ToMinorUnits(0, RoundingMode::kDown), HasReason("decimal.overflow"));
  EXPECT_THAT(D("10000000").ToMinorUnits(12, RoundingMode::kDown), HasReason("decimal.overflow"));
}

// --- Arithmetic ------------------------------------------------------------------------------

TEST(DecimalArithmeticTest, AddAndSub) {
  EXPECT_EQ(Decimal::Add(D("0.1"), D("0.2")).value(), D("0.3"));
  EXPECT_EQ(Decimal::Sub(D("0.1"), D("0.3")).value(), D("-0.2"));
  EXPECT_EQ(Decimal::Add(Decimal::Max(), Decimal::Max().Negated()).value(), Decimal());
  EXPECT_EQ(D("1.25") + D("-2"), D("-0.75"));
  EXPECT_EQ(D("1.25") - D("-2"), D("3.25"));
}

TEST(DecimalArithmeticTest, AddAndSubDetectOverflow) {
  const Decimal tiny = D("0.000000000001");
  EXPECT_THAT(Decimal::Add(Decimal::Max(), tiny), HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Sub(Decimal::Max().Negated(), tiny), HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Add(Decimal::Max(), Decimal::Max()), HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Sub(Decimal::Max(), Decimal::Max().Negated()),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Add(D("100000000000000000000000000"), D("100000000000000000000000000")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Decimal::Sub(Decimal::Max(), tiny).value().ToString(),
            "170141183460469231731687302.999999999999");
}

TEST(DecimalArithmeticDeathTest, OperatorsCheckOverflow) {
  EXPECT_DEATH(static_cast<void>(Decimal::Max() + D("1")), "operator\\+ overflowed");
  EXPECT_DEATH(static_cast<void>(Decimal::Max().Negated() - D("1")), "operator- overflowed");
  EXPECT_DEATH(static_cast<void>(Decimal::FromUnits(-Decimal::Max().units() - 1)), "FromUnits");
}

TEST(DecimalArithmeticTest, MulSmallPriceTimesLargeQuantity) {
  // A 12-digit unit price times a large quantity: exact digits beyond the 12th are rounded.
  const Decimal price = D("0.000000123457");
  const Decimal quantity = D("123456789012.3");  // product 15241.6048010915211
  const std::array<std::string_view, 7> expected = {
      "15241.604801091521", "15241.604801091521", "15241.604801091521", "15241.604801091521",
      "15241.604801091522", "15241.604801091521", "15241.604801091522"};
  for (std::size_t m = 0; m < kAllRoundingModes.size(); ++m) {
    EXPECT_EQ(Decimal::Mul(price, quantity, kAllRoundingModes[m]).value().ToString(), expected[m]);
  }
  EXPECT_EQ(Decimal::Mul(price.Negated(), quantity, RoundingMode::kFloor).value().ToString(),
            "-15241.604801091522");
  EXPECT_EQ(Decimal::Mul(price.Negated(), quantity, RoundingMode::kCeiling).value().ToString(),
            "-15241.604801091521");
  EXPECT_EQ(Decimal::Mul(D("0.000000123456"), D("123456789012.5"), RoundingMode::kDown)
                .value()
                .ToString(),
            "15241.4813443272");
}

TEST(DecimalArithmeticTest, MulTiesInEveryMode) {
  // 0.000000000015 * 0.5 = 0.0000000000075: an exact tie at the 12th digit.
  const std::array<std::string_view, 7> positive = {
      "0.000000000008", "0.000000000008", "0.000000000007", "0.000000000007",
      "0.000000000008", "0.000000000007", "0.000000000008"};
  for (std::size_t m = 0; m < kAllRoundingModes.size(); ++m) {
    const RoundingMode mode = kAllRoundingModes[m];
    EXPECT_EQ(Decimal::Mul(D("0.000000000015"), D("0.5"), mode).value().ToString(), positive[m])
        << RoundingModeName(mode);
  }
  EXPECT_EQ(Decimal::Mul(D("-0.000000000015"), D("0.5"), RoundingMode::kHalfUp).value(),
            D("-0.000000000008"));
  EXPECT_EQ(Decimal::Mul(D("-0.000000000015"), D("0.5"), RoundingMode::kFloor).value(),
            D("-0.000000000008"));
  EXPECT_EQ(Decimal::Mul(D("0.000000000005"), D("0.5"), RoundingMode::kHalfEven).value(),
            D("0.000000000002"));
  EXPECT_EQ(Decimal::Mul(D("1.000000000001"), D("1.000000000001"), RoundingMode::kUp).value(),
            D("1.000000000003"));
}

TEST(DecimalArithmeticTest, MulHasNoSpuriousOverflow) {
  // The raw product of the units needs more than 128 bits, the result does not.
  EXPECT_EQ(
      Decimal::Mul(D("10000000000000000000000000"), D("0.000001"), RoundingMode::kDown).value(),
      D("10000000000000000000"));
  EXPECT_EQ(Decimal::Mul(Decimal::Max(), D("0.5"), RoundingMode::kHalfUp).value().ToString(),
            "85070591730234615865843651.5");
  EXPECT_EQ(Decimal::Mul(Decimal::Max(), D("-1"), RoundingMode::kDown).value(),
            Decimal::Max().Negated());
  EXPECT_EQ(Decimal::Mul(D("10000000000000"), D("10000000000000"), RoundingMode::kDown).value(),
            D("100000000000000000000000000"));
}

TEST(DecimalArithmeticTest, MulDetectsOverflow) {
  EXPECT_THAT(Decimal::Mul(D("100000000000000"), D("10000000000000"), RoundingMode::kDown),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Mul(Decimal::Max(), Decimal::Max(), RoundingMode::kDown),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Mul(Decimal::Max().Negated(), Decimal::Max(), RoundingMode::kDown),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Mul(Decimal::Max(), D("1.000000000001"), RoundingMode::kDown),
              HasReason("decimal.overflow"));
  // Rounding up can be what crosses the bound.
  const Decimal half_max_plus = D("85070591730234615865843651.5");
  EXPECT_EQ(Decimal::Mul(half_max_plus, D("2"), RoundingMode::kDown).value(), Decimal::Max());
}

TEST(DecimalArithmeticTest, MulDetectsOverflowWhenRoundingCarriesPast128Bits) {
  // The truncated product is exactly 2^128 - 1 units with a non-zero remainder: rounding away
  // from zero must carry into the upper half instead of wrapping to zero.
  const Decimal a = D("170141183460384161139957111.635314127172");
  const Decimal b = D("2.000000000001");
  for (RoundingMode mode : kAllRoundingModes) {
    EXPECT_THAT(Decimal::Mul(a, b, mode), HasReason("decimal.overflow")) << RoundingModeName(mode);
  }
}

TEST(DecimalArithmeticTest, Div) {
  EXPECT_EQ(Decimal::Div(D("1"), D("3"), RoundingMode::kHalfEven).value().ToString(),
            "0.333333333333");
  EXPECT_EQ(Decimal::Div(D("2"), D("3"), RoundingMode::kHalfUp).value().ToString(),
            "0.666666666667");
  EXPECT_EQ(Decimal::Div(D("2"), D("3"), RoundingMode::kDown).value().ToString(), "0.666666666666");
  EXPECT_EQ(Decimal::Div(D("-2"), D("3"), RoundingMode::kFloor).value().ToString(),
            "-0.666666666667");
  EXPECT_EQ(Decimal::Div(D("2"), D("-3"), RoundingMode::kCeiling).value().ToString(),
            "-0.666666666666");
  EXPECT_EQ(Decimal::Div(D("-1"), D("-8"), RoundingMode::kDown).value(), D("0.125"));
  // A tie at the 12th digit: 0.000000000005 / 2 = 0.0000000000025.
  EXPECT_EQ(Decimal::Div(D("0.000000000005"), D("2"), RoundingMode::kHalfEven).value(),
            D("0.000000000002"));
  EXPECT_EQ(Decimal::Div(D("0.000000000005"), D("2"), RoundingMode::kHalfUp).value(),
            D("0.000000000003"));
  EXPECT_EQ(Decimal::Div(D("10"), D("0.000000000001"), RoundingMode::kDown).value(),
            D("10000000000000"));
  EXPECT_EQ(Decimal::Div(Decimal::Max(), Decimal::Max(), RoundingMode::kDown).value(), D("1"));
  // A wide dividend and a divisor of more than 64 bits of units.
  EXPECT_EQ(Decimal::Div(D("100000000000000000000"), D("30000000"), RoundingMode::kHalfEven)
                .value()
                .ToString(),
            "3333333333333.333333333333");
  EXPECT_EQ(Decimal::Div(D("0.000000000001"), Decimal::Max(), RoundingMode::kUp).value(),
            D("0.000000000001"));
  EXPECT_EQ(Decimal::Div(D("0.000000000001"), Decimal::Max(), RoundingMode::kHalfUp).value(),
            D("0"));
}

TEST(DecimalArithmeticTest, DivErrors) {
  Result<Decimal> by_zero = Decimal::Div(D("1.5"), Decimal(), RoundingMode::kHalfEven);
  EXPECT_THAT(by_zero, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(by_zero, HasReason("decimal.division_by_zero"));
  EXPECT_EQ(by_zero.status().message(), "cannot divide 1.5 by zero");
  EXPECT_THAT(Decimal::Div(Decimal::Max(), D("0.5"), RoundingMode::kDown),
              HasReason("decimal.overflow"));
  EXPECT_THAT(Decimal::Div(D("1000000000000000"), D("0.000000000001"), RoundingMode::kDown),
              HasReason("decimal.overflow"));
}

}  // namespace
}  // namespace accrue
