#include "accrue/domain/tax/vat_id.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace accrue::tax {
namespace {

// Real VAT ids as businesses print them on their own invoices and web sites, spacing and all,
// gathered in python-stdnum's tests/test_eu_vat.doctest ("found online"). At least two per
// member state, and every algorithm variant (old/new IE, NL elfproef and MOD 97, FR numeric and
// alphanumeric keys, ES DNI/NIE/CIF, CZ entity/special/birth number, BG 9/10 digits, RO CIF/CNP).
constexpr const char* kValid[] = {
    "ATU 142 43 102",
    "ATU13585627",
    "ATU 54300000",
    "ATU61195628",
    "BE 0202.239.951",
    "BE0428759497",
    "BE413562567",
    "BE 0897290877",
    "BE 444.503.092",
    "BG 103873594",
    "BG 124 551 319",
    "BG7111042925",
    "BG7523169263",
    "BG8032056031",
    "CY 10246672X",
    "CY-10189098G",
    "CY00632993 F",
    "CZ 25123891",
    "CZ 640903926",
    "CZ 640229/4448",
    "CZ 6956220612",
    "CZ00023205",
    "DE - 113866163",
    "DE 181 207 708",
    "DE 221.304.969",
    "DE119263782",
    "DE812847601",
    "DK 10 50 32 80",
    "DK-27630308",
    "DK: 21599336",
    "EE 100 931 558",
    "EE101256753",
    "EL 039868210",
    "EL 94051189",
    "EL-082857563",
    "EL: 094279805",
    "El 800 179 925",
    "ES 54362315K",
    "ES A-28184661",
    "ES Q-2818015-F",
    "ES X-5253868-R",
    "ES Y5277343F",
    "ES Z5277343K",
    "ES-x-2482300w",
    "ES W4003922D",
    "ES B64240914",
    "FI 02459042",
    "FI 0982651-1",
    "FI-214 95 540",
    "FR 04409414364",
    "FR 114 248 728 36",
    "FR K 7399859412",
    "FR82542065479",
    "FR16000063601",
    "Fr 40 303 265 045",
    "HU 10672101",
    "HU-12892312",
    "IE 6433435F",
    "IE 632 3420 C",
    "IE8D79739I",
    "IE9Y71814N",
    "IE6433435IH",
    "IE6433435OA",
    "IE 8223200u",
    "IT 00118439991",
    "IT - 01404480202",
    "IT 0 0 6 1 8 2 8 0 4 9 9",
    "IT 12920760159",
    "LT 100001354118",
    "LT 119511515",
    "LT290068995116",
    "LU 10059929",
    "LU.248.70.640",
    "LU: 2294 4200",
    "LV 40003189718",
    "LV-42103048183",
    "LV 5000 399 3021",
    "MT 1039-6417",
    "MT 20630321",
    "NL 001241 643 B01",
    "NL 8225.69.759 b01",
    "NL001452330B47",
    "NL4495445B01",
    "NL002455799B11",
    "PL 5211355116",
    "PL 584-030-44-72",
    "PL 777 26 68 285",
    "PL5261025421",
    "PT 500 019 720",
    "PT 500135.495",
    "PT503038083",
    "RO 11358544",
    "RO 1630615123457",
    "RO 1822964",
    "RO 573768",
    "Ro 15071875",
    "SE 202 100-5000 01",
    "SE 556.383.740.901",
    "SE-556666-4438-01",
    "SI 26808498",
    "SI-83815201",
    "SK 1078449064",
    "SK 202 274 96 19",
    "HR 33392005961",  // the example OIB in python-stdnum stdnum/hr/oib.py
};

TEST(VatIdTest, AcceptsRealWorldNumbers) {
  for (const char* text : kValid) {
    EXPECT_OK(ParseVatId(text)) << text;
  }
}

// The same numbers with one digit changed: same python-stdnum file, "mangled so their check
// digit is wrong".
constexpr const char* kBadChecksum[] = {
    "ATU 143 43 102",
    "ATU46080904",
    "BE 0406.139.583",
    "BE697449982",
    "BG 131 172 009",
    "BG 200940556",
    "CY 10246672F",
    "CY-10009489 A",
    "CZ 25557481",
    "CZ 640913926",
    "CZ 8058018314",
    "DE 125014855",
    "DE 246 495 415",
    "DK 11 96 56 58",
    "DK-27996592",
    "EE 100 941 558",
    "EE101256754",
    "ES 54362415K",
    "ES K-2814015-F",
    "ES-x-2322300w",
    "Es-a48951310",
    "EL 094013834",
    "EL094501140",
    "FR 04409414264",
    "FR 21 326 565 603",
    "FR K 7399859312",
    "FR L 7399859412",
    "IE 4731823H",
    "IE 632 3421 C",
    "IE 5339273F",
    "IE8D79729I",
    "LV 40003189715",
    "LV-42103048181",
    "SK 1078449164",
    "SK 2020457679",
    // Our own single-digit mutations of valid numbers above, for the states the file skips.
    "HU 10672102",
    "IT 00118439992",
    "LT 100001354119",
    "LU 10059928",
    "MT 20630322",
    "NL 001241 653 B01",
    "PL 5211355117",
    "PT 500 019 721",
    "RO 11358545",
    "SE 202 100-5001 01",
    "SI 26808499",
    "FI 02459043",
    "HR 33392005962",
};

TEST(VatIdTest, RejectsWrongCheckDigits) {
  for (const char* text : kBadChecksum) {
    EXPECT_THAT(ParseVatId(text), testing::HasReason("tax.vat_id.bad_checksum")) << text;
  }
}

constexpr const char* kBadFormat[] = {
    // python-stdnum's format, component and length errors.
    "AT1 142 43 102",
    "ATU 1515B209",
    "BE 02A2.239.951",
    "BE 0220,764.971",
    "BG 10X8735941",
    "CY-102590Z3P",
    "DE 246X595 415",
    "DE 011125440",
    "IE 4550C59S",
    "IE 069385V8",
    "NL 001241643801",
    "NL 009122746B00",
    "NL B06753742B01",
    "NL 82X569759b01",
    "SK A078449064",
    "SK 012 274 96 19",
    "SK 2010 237 945",
    "CY-12259033P",
    "CZ 95123891",
    "IT 00687129980",
    "LT 100001354",
    "LT 100001509922",
    "ATU 151592092",
    "CY-1225903322",
    "ES B-583784312",
    "FR000076090",
    "NL006866304B021",
    "SE 55643359201",
    "SE 5567003255201",
    // Our own.
    "",
    "DE",
    "12345",
    "DE12345678",
    "DE1234567890",
    "EE 200 931 558",
    "SE 556058115802",
    "DE 1234\xC3\xA9",
    "PL 52113551161234567890123456789012345678901",
};

TEST(VatIdTest, RejectsMalformedNumbers) {
  for (const char* text : kBadFormat) {
    EXPECT_THAT(ParseVatId(text), testing::HasReason("tax.vat_id.bad_format")) << text;
  }
}

TEST(VatIdTest, RejectsNonMemberPrefixes) {
  for (const char* text : {"QQ 124567", "GB 123456789", "XI 123456789", "CHE-123.456.788",
                           "US 123456789", "NO 123456789MVA"}) {
    EXPECT_THAT(ParseVatId(text), testing::HasReason("tax.vat_id.unknown_country")) << text;
  }
}

TEST(VatIdTest, ErrorsCarryNoParamSoCallersCanPrefixTheirField) {
  Status s = ParseVatId("DE 125014855").status();
  EXPECT_EQ(ErrorParam(s), "");
  EXPECT_EQ(ErrorParam(WithParamPrefix(s, "customer.vat_id")), "customer.vat_id");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(VatIdTest, ReturnsTheCompactForm) {
  ASSERT_OK_AND_ASSIGN(VatId de, ParseVatId(" de 181 207 708 "));
  EXPECT_EQ(de.ToString(), "DE181207708");
  EXPECT_EQ(de.Country(), "DE");
  ASSERT_OK_AND_ASSIGN(VatId be, ParseVatId("BE 444.503.092"));
  EXPECT_EQ(be.number, "0444503092");  // the old 9-digit form gains its leading zero
  ASSERT_OK_AND_ASSIGN(VatId nl, ParseVatId("NL4495445B01"));
  EXPECT_EQ(nl.number, "004495445B01");
  ASSERT_OK_AND_ASSIGN(VatId at, ParseVatId("atu13585627"));
  EXPECT_EQ(at.ToString(), "ATU13585627");
}

TEST(VatIdTest, GreeceUsesElAndAcceptsGr) {
  ASSERT_OK_AND_ASSIGN(VatId el, ParseVatId("GR 094279805"));
  EXPECT_EQ(el.prefix, "EL");
  EXPECT_EQ(el.Country(), "GR");
  EXPECT_EQ(el, *ParseVatId("EL094279805"));
  ASSERT_OK_AND_ASSIGN(VatId old, ParseVatId("EL 94051189"));
  EXPECT_EQ(old.number, "094051189");
}

TEST(VatIdTest, PrefixOfCountry) {
  EXPECT_EQ(VatPrefixOfCountry("GR"), "EL");
  EXPECT_EQ(VatPrefixOfCountry("DE"), "DE");
  EXPECT_EQ(VatPrefixOfCountry("GB"), "");
  EXPECT_EQ(VatPrefixOfCountry("EL"), "");  // EL is a VAT prefix, not an ISO country code
}

// Every single-digit change of a DE number is caught: ISO 7064 MOD 11,10 detects all of them.
TEST(VatIdTest, EverySingleDigitErrorInAGermanIdIsCaught) {
  const std::string valid = "DE136308783";
  ASSERT_OK(ParseVatId(valid));
  for (size_t i = 3; i < valid.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == valid[i]) continue;
      std::string mutated = valid;
      mutated[i] = d;
      EXPECT_FALSE(ParseVatId(mutated).ok()) << mutated;
    }
  }
}

}  // namespace
}  // namespace accrue::tax
