#include "accrue/domain/tax/rate_table.h"

#include <gtest/gtest.h>

#include "accrue/domain/tax/jurisdiction.h"
#include "testing/status_matchers.h"

namespace accrue::tax {
namespace {

using absl::CivilDay;

std::string Rate(const RateTable& t, const char* country, RateKind kind, CivilDay day,
                 const char* region = "") {
  Result<Decimal> r = t.Find(country, region, kind, day);
  return r.ok() ? r->ToString() : ErrorReason(r.status());
}

Decimal D(const char* text) { return *Decimal::Parse(text); }

TEST(RateTableTest, BuiltInHasCurrentRatesOfAllMemberStates) {
  const RateTable& t = RateTable::BuiltInEu();
  const CivilDay day(2026, 3, 1);
  // Standard rates in force on 2026-03-01 (vatnode's TEDB extract of 2026-03-27 agrees).
  const std::pair<const char*, const char*> expected[] = {
      {"AT", "20"}, {"BE", "21"}, {"BG", "20"}, {"CY", "19"},   {"CZ", "21"}, {"DE", "19"},
      {"DK", "25"}, {"EE", "24"}, {"ES", "21"}, {"FI", "25.5"}, {"FR", "20"}, {"GR", "24"},
      {"HR", "25"}, {"HU", "27"}, {"IE", "23"}, {"IT", "22"},   {"LT", "21"}, {"LU", "17"},
      {"LV", "21"}, {"MT", "18"}, {"NL", "21"}, {"PL", "23"},   {"PT", "23"}, {"RO", "21"},
      {"SE", "25"}, {"SI", "22"}, {"SK", "23"}};
  for (const auto& [country, percent] : expected) {
    EXPECT_TRUE(IsEuMemberState(country));
    EXPECT_EQ(Rate(t, country, RateKind::kStandard, day), percent) << country;
  }
  EXPECT_EQ(Rate(t, "DE", RateKind::kReduced, day), "7");
  EXPECT_EQ(Rate(t, "FR", RateKind::kReduced, day), "5.5");
  EXPECT_EQ(Rate(t, "FR", RateKind::kReduced2, day), "10");
  EXPECT_EQ(Rate(t, "FR", RateKind::kSuperReduced, day), "2.1");
  EXPECT_EQ(Rate(t, "IT", RateKind::kSuperReduced, day), "4");
  EXPECT_EQ(Rate(t, "IE", RateKind::kReduced2, day), "13.5");
  EXPECT_EQ(Rate(t, "LU", RateKind::kParking, day), "14");
  EXPECT_EQ(Rate(t, "RO", RateKind::kReduced, day), "11");
}

TEST(RateTableTest, HistoryChangesAtMidnight) {
  const RateTable& t = RateTable::BuiltInEu();
  // Germany's temporary cut: 16 % / 5 % from 2020-07-01 to 2020-12-31.
  EXPECT_EQ(Rate(t, "DE", RateKind::kStandard, CivilDay(2020, 6, 30)), "19");
  EXPECT_EQ(Rate(t, "DE", RateKind::kStandard, CivilDay(2020, 7, 1)), "16");
  EXPECT_EQ(Rate(t, "DE", RateKind::kReduced, CivilDay(2020, 12, 31)), "5");
  EXPECT_EQ(Rate(t, "DE", RateKind::kStandard, CivilDay(2021, 1, 1)), "19");
  // Finland 24 -> 25.5 on 2024-09-01; 14 -> 13.5 on 2026-01-01 (added from vatnode).
  EXPECT_EQ(Rate(t, "FI", RateKind::kStandard, CivilDay(2024, 8, 31)), "24");
  EXPECT_EQ(Rate(t, "FI", RateKind::kStandard, CivilDay(2024, 9, 1)), "25.5");
  EXPECT_EQ(Rate(t, "FI", RateKind::kReduced2, CivilDay(2025, 12, 31)), "14");
  EXPECT_EQ(Rate(t, "FI", RateKind::kReduced2, CivilDay(2026, 1, 1)), "13.5");
  // Lithuania 9 -> 12 on 2026-01-01; Estonia 22 -> 24 on 2025-07-01; Romania 19 -> 21.
  EXPECT_EQ(Rate(t, "LT", RateKind::kReduced2, CivilDay(2025, 12, 31)), "9");
  EXPECT_EQ(Rate(t, "LT", RateKind::kReduced2, CivilDay(2026, 1, 1)), "12");
  EXPECT_EQ(Rate(t, "EE", RateKind::kStandard, CivilDay(2025, 6, 30)), "22");
  EXPECT_EQ(Rate(t, "EE", RateKind::kStandard, CivilDay(2025, 7, 1)), "24");
  EXPECT_EQ(Rate(t, "RO", RateKind::kStandard, CivilDay(2025, 7, 31)), "19");
  EXPECT_EQ(Rate(t, "RO", RateKind::kStandard, CivilDay(2025, 8, 1)), "21");
  // Estonia's 9 % stays "reduced" across periods although the source renamed it.
  EXPECT_EQ(Rate(t, "EE", RateKind::kReduced, CivilDay(2025, 6, 30)), "9");
  EXPECT_EQ(Rate(t, "EE", RateKind::kReduced, CivilDay(2025, 7, 1)), "9");
}

TEST(RateTableTest, MissingRateIsAClearError) {
  const RateTable& t = RateTable::BuiltInEu();
  EXPECT_EQ(Rate(t, "DK", RateKind::kReduced, CivilDay(2026, 1, 1)), "tax.rate_not_found");
  EXPECT_EQ(Rate(t, "GB", RateKind::kStandard, CivilDay(2026, 1, 1)), "tax.rate_not_found");
  Result<Decimal> r = t.Find("US", "", RateKind::kStandard, CivilDay(2026, 1, 1));
  EXPECT_THAT(r, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_NE(r.status().message().find("2026-01-01"), absl::string_view::npos);
}

TEST(RateTableTest, TenantOverridesWinAndTheRestFallsThrough) {
  std::vector<RateEntry> mine = {
      {"DE", "", RateKind::kStandard, D("20"), CivilDay(2027, 1, 1), std::nullopt},
      {"CH", "", RateKind::kStandard, D("8.1"), CivilDay(2024, 1, 1), std::nullopt},
      {"CH", "", RateKind::kStandard, D("7.7"), CivilDay(2018, 1, 1), CivilDay(2024, 1, 1)},
      {"PT", "PT-30", RateKind::kStandard, D("22"), CivilDay(2024, 1, 1), std::nullopt},
  };
  ASSERT_OK_AND_ASSIGN(RateTable t, RateTable::WithOverrides(RateTable::BuiltInEu(), mine));
  EXPECT_EQ(Rate(t, "DE", RateKind::kStandard, CivilDay(2026, 12, 31)), "19");  // built-in
  EXPECT_EQ(Rate(t, "DE", RateKind::kStandard, CivilDay(2027, 1, 1)), "20");    // tenant
  EXPECT_EQ(Rate(t, "DE", RateKind::kReduced, CivilDay(2027, 1, 1)), "7");      // built-in
  EXPECT_EQ(Rate(t, "CH", RateKind::kStandard, CivilDay(2023, 12, 31)), "7.7");
  EXPECT_EQ(Rate(t, "CH", RateKind::kStandard, CivilDay(2024, 1, 1)), "8.1");
  EXPECT_EQ(Rate(t, "PT", RateKind::kStandard, CivilDay(2026, 1, 1), "PT-30"), "22");  // Madeira
  EXPECT_EQ(Rate(t, "PT", RateKind::kStandard, CivilDay(2026, 1, 1), "PT-11"), "23");
  // The base table is unchanged, and shared rather than copied.
  EXPECT_EQ(Rate(RateTable::BuiltInEu(), "DE", RateKind::kStandard, CivilDay(2027, 1, 1)), "19");
  EXPECT_EQ(t.AllEntries().size(), RateTable::BuiltInEu().AllEntries().size() + mine.size());
}

TEST(RateTableTest, RejectsBadOverrides) {
  auto make = [](RateEntry e) {
    return RateTable::WithOverrides(RateTable::Empty(), {std::move(e)}).status();
  };
  const CivilDay day(2026, 1, 1);
  EXPECT_THAT(make({"XX", "", RateKind::kStandard, D("10"), day, std::nullopt}),
              testing::HasReason("tax.rate.bad_country"));
  EXPECT_THAT(make({"de", "", RateKind::kStandard, D("10"), day, std::nullopt}),
              testing::HasParam("rates[0].country"));
  EXPECT_THAT(make({"PT", "ES-CN", RateKind::kStandard, D("10"), day, std::nullopt}),
              testing::HasReason("tax.rate.bad_region"));
  EXPECT_THAT(make({"PT", "PT-", RateKind::kStandard, D("10"), day, std::nullopt}),
              testing::HasReason("tax.rate.bad_region"));
  for (const char* bad : {"-1", "100", "250", "19.00001"}) {
    EXPECT_THAT(make({"DE", "", RateKind::kStandard, D(bad), day, std::nullopt}),
                testing::HasReason("tax.rate.bad_percent"))
        << bad;
  }
  EXPECT_THAT(make({"DE", "", RateKind::kStandard, D("19"), day, day}),
              testing::HasReason("tax.rate.bad_dates"));

  std::vector<RateEntry> overlapping = {
      {"DE", "", RateKind::kStandard, D("19"), CivilDay(2020, 1, 1), std::nullopt},
      {"DE", "", RateKind::kReduced, D("7"), CivilDay(2020, 1, 1), std::nullopt},
      {"DE", "", RateKind::kStandard, D("20"), CivilDay(2027, 1, 1), std::nullopt},
  };
  Status s = RateTable::WithOverrides(RateTable::Empty(), overlapping).status();
  EXPECT_THAT(s, testing::HasReason("tax.rate.overlap"));
  EXPECT_THAT(s, testing::HasParam("rates[2].effective_from"));
  // Back to back is fine: `until` is exclusive.
  overlapping[0].effective_until = CivilDay(2027, 1, 1);
  EXPECT_OK(RateTable::WithOverrides(RateTable::Empty(), overlapping));

  std::vector<RateEntry> many(kRateOverridesMax + 1,
                              {"DE", "", RateKind::kStandard, D("19"), day, std::nullopt});
  EXPECT_THAT(RateTable::WithOverrides(RateTable::Empty(), many),
              testing::HasReason("tax.rate.too_many"));
}

TEST(RateTableTest, KindNamesRoundTrip) {
  for (RateKind k : {RateKind::kStandard, RateKind::kReduced, RateKind::kReduced2,
                     RateKind::kSuperReduced, RateKind::kParking}) {
    ASSERT_OK_AND_ASSIGN(RateKind back, ParseRateKind(RateKindName(k)));
    EXPECT_EQ(back, k);
  }
  EXPECT_THAT(ParseRateKind("Standard"), testing::HasReason("tax.rate_kind_unknown"));
}

TEST(JurisdictionTest, EuVatArea) {
  EXPECT_TRUE(IsInEuVatArea("ES", ""));
  EXPECT_TRUE(IsInEuVatArea("ES", "ES-MD"));
  EXPECT_FALSE(IsInEuVatArea("ES", "ES-CN"));  // Canary Islands
  EXPECT_FALSE(IsInEuVatArea("ES", "ES-ML"));  // Melilla
  EXPECT_FALSE(IsInEuVatArea("AX", ""));       // Åland has its own ISO code
  EXPECT_FALSE(IsInEuVatArea("GB", ""));
  EXPECT_FALSE(IsEuMemberState("EL"));  // the VAT prefix, not the ISO code
  EXPECT_TRUE(IsEuMemberState("GR"));
}

}  // namespace
}  // namespace accrue::tax
