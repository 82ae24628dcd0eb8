#include "accrue/domain/ledger/fx.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/status_matchers.h"

namespace accrue::ledger {
namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(ACCRUE_SOURCE_DIR) + "/data/currency/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Currency kUsd = Currency::FromCodeOrDie("USD");
const Currency kJpy = Currency::FromCodeOrDie("JPY");
const Currency kEur = Currency::FromCodeOrDie("EUR");

TEST(FxTest, ParsesTheEcbDailyXml) {
  ASSERT_OK_AND_ASSIGN(ParsedRates parsed,
                       ParseEcbRates(ReadData("ecb_eurofxref-daily_2022-07-08.xml")));
  EXPECT_GE(parsed.rates.size(), 29u);
  RateTable table(parsed.rates);
  auto usd = table.PerEur(kUsd, absl::CivilDay(2022, 7, 10));  // a Sunday: Friday's rate
  ASSERT_TRUE(usd.has_value());
  EXPECT_EQ(usd->first, absl::CivilDay(2022, 7, 8));
  EXPECT_EQ(usd->second, *Decimal::Parse("1.0163"));
  EXPECT_FALSE(table.PerEur(kUsd, absl::CivilDay(2022, 7, 7)).has_value());
  // HRK was still published, but is no longer in ISO 4217 list one.
  for (const std::string& code : parsed.skipped_currencies) EXPECT_EQ(code.size(), 3u);
}

TEST(FxTest, ParsesTheEcbSingleDayCsv) {
  ASSERT_OK_AND_ASSIGN(ParsedRates parsed,
                       ParseEcbRates(ReadData("ecb_eurofxref_single-day_2024-02-19.csv")));
  RateTable table(parsed.rates);
  auto jpy = table.PerEur(kJpy, absl::CivilDay(2024, 2, 19));
  ASSERT_TRUE(jpy.has_value());
  EXPECT_EQ(jpy->second, *Decimal::Parse("161.59"));
}

TEST(FxTest, ParsesHistoryCsvWithMissingValues) {
  ASSERT_OK_AND_ASSIGN(
      ParsedRates parsed,
      ParseEcbRates(
          "Date,USD,JPY,CYP,\n2024-02-20,1.0800,N/A,0.585,\n2024-02-19,1.0776,161.59,N/A,\n"));
  EXPECT_EQ(parsed.rates.size(), 3u);
  EXPECT_EQ(parsed.skipped_currencies, std::vector<std::string>{"CYP"});
}

TEST(FxTest, RefusesMalformedFiles) {
  EXPECT_THAT(ParseEcbRates(""), testing::HasReason("rates.malformed"));
  EXPECT_THAT(ParseEcbRates("hello"), testing::HasReason("rates.malformed"));
  EXPECT_THAT(ParseEcbRates("Date, USD\n19 Febtember 2024, 1.07\n"),
              testing::HasReason("rates.malformed"));
  EXPECT_THAT(ParseEcbRates("Date, USD\n2024-02-19, -1\n"), testing::HasReason("rates.malformed"));
  EXPECT_THAT(ParseEcbRates("<Cube><Cube currency='USD' rate='1.1'/></Cube>"),
              testing::HasReason("rates.malformed"));
}

TEST(FxTest, CrossRatesGoThroughTheEuro) {
  RateTable table({{kUsd, absl::CivilDay(2024, 2, 19), *Decimal::Parse("1.0776")},
                   {kJpy, absl::CivilDay(2024, 2, 16), *Decimal::Parse("161.59")}});
  auto usd_eur = table.Cross(kUsd, kEur, absl::CivilDay(2024, 2, 19));
  ASSERT_TRUE(usd_eur.has_value());
  EXPECT_EQ(usd_eur->second.ToString(), "0.927988121752");
  auto usd_jpy = table.Cross(kUsd, kJpy, absl::CivilDay(2024, 2, 19));
  EXPECT_EQ(usd_jpy->first, absl::CivilDay(2024, 2, 16));  // the older of the two
  EXPECT_EQ(usd_jpy->second.ToString(), "149.953600593912");
  ASSERT_OK_AND_ASSIGN(Money yen, Convert(Money::FromMinor(1000, kUsd), usd_jpy->second, kJpy));
  EXPECT_EQ(yen, Money::FromMinor(1500, kJpy));  // 10.00 USD = 1499.54 JPY → 1500
  EXPECT_FALSE(table.Cross(Currency::FromCodeOrDie("GBP"), kEur, absl::CivilDay(2024, 2, 19)));
}

}  // namespace
}  // namespace accrue::ledger
