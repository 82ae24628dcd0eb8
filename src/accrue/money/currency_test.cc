#include "accrue/money/currency.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

constexpr char kIsoListPath[] = ACCRUE_SOURCE_DIR "/data/currency/iso4217_list_one_table_a1.xml";

TEST(CurrencyTest, SpotChecksAgainstIso) {
  struct Expected {
    std::string_view code;
    int exponent;
    int numeric_code;
  };
  // IQD is the classic trap: ISO says 3, ICU/CLDR say 0.
  for (const Expected& e :
       {Expected{"JPY", 0, 392}, Expected{"KWD", 3, 414}, Expected{"EUR", 2, 978},
        Expected{"IQD", 3, 368}, Expected{"CLF", 4, 990}, Expected{"BHD", 3, 48},
        Expected{"USD", 2, 840}, Expected{"UYW", 4, 927}, Expected{"ISK", 0, 352},
        Expected{"TND", 3, 788}}) {
    ASSERT_OK_AND_ASSIGN(Currency currency, Currency::Find(e.code));
    EXPECT_EQ(currency.code(), e.code);
    EXPECT_EQ(currency.exponent(), e.exponent) << e.code;
    EXPECT_EQ(currency.numeric_code(), e.numeric_code) << e.code;
  }
}

TEST(CurrencyTest, FindRejectsUnknownCodes) {
  for (std::string_view code :
       {"", "eur", "Eur", "EURO", "EU", " EUR", "EUR ", "ABC", "XCG", "DEM", "ZZZ", "AAA"}) {
    Result<Currency> currency = Currency::Find(code);
    EXPECT_THAT(currency, StatusIs(absl::StatusCode::kInvalidArgument)) << code;
    EXPECT_THAT(currency, HasReason("currency.unknown")) << code;
  }
  EXPECT_NE(Currency::Find("eur").status().message().find("'eur'"), std::string::npos);
}

TEST(CurrencyTest, FindRejectsCodesWithoutMinorUnits) {
  for (std::string_view code : {"XAU", "XAG", "XDR", "XTS", "XXX", "XBA", "XSU", "XUA"}) {
    Result<Currency> currency = Currency::Find(code);
    EXPECT_THAT(currency, StatusIs(absl::StatusCode::kInvalidArgument)) << code;
    EXPECT_THAT(currency, HasReason("currency.not_billable")) << code;
    EXPECT_NE(std::string(currency.status().message()).find(code), std::string::npos);
  }
}

TEST(CurrencyTest, ValueSemantics) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  const Currency usd = Currency::FromCodeOrDie("USD");
  EXPECT_EQ(sizeof(Currency), 2u);
  EXPECT_EQ(eur, Currency::Find("EUR").value());
  EXPECT_NE(eur, usd);
  EXPECT_LT(eur, usd);  // alphabetical
  absl::flat_hash_set<Currency> set = {eur, usd, Currency::FromCodeOrDie("EUR")};
  EXPECT_EQ(set.size(), 2u);
  std::ostringstream out;
  out << eur;
  EXPECT_EQ(out.str(), "EUR");
}

TEST(CurrencyDeathTest, FromCodeOrDieChecks) {
  EXPECT_DEATH(static_cast<void>(Currency::FromCodeOrDie("XAU")), "FromCodeOrDie");
}

TEST(CurrencyTest, AllListsBillableCurrenciesInOrder) {
  const std::vector<Currency>& all = Currency::All();
  EXPECT_EQ(all.size(), 179u - 13u);  // distinct codes in list one minus the "N.A." ones
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_TRUE(std::adjacent_find(all.begin(), all.end()) == all.end());
  for (Currency currency : all) {
    EXPECT_EQ(Currency::Find(currency.code()).value(), currency);
    EXPECT_GE(currency.exponent(), 0);
    EXPECT_LE(currency.exponent(), 4);
  }
}

// --- The table can never drift from the ISO data it was generated from ---------------------

struct IsoRow {
  std::string minor_units;  // "2", or "N.A."
  int numeric_code;
};

std::string Tag(const std::string& block, const std::string& name) {
  const std::string open = "<" + name + ">";
  const std::size_t begin = block.find(open);
  if (begin == std::string::npos) return "";
  const std::size_t end = block.find("</" + name + ">", begin);
  return block.substr(begin + open.size(), end - begin - open.size());
}

// A deliberately small reader for the one fixed format of the SIX file, independent of the
// Python generator, so a bug in one is caught by the other.
std::map<std::string, IsoRow> ReadIsoList() {
  std::ifstream file(kIsoListPath);
  EXPECT_TRUE(file.good()) << "cannot open " << kIsoListPath;
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string xml = buffer.str();
  std::map<std::string, IsoRow> rows;
  for (std::size_t at = xml.find("<CcyNtry>"); at != std::string::npos;
       at = xml.find("<CcyNtry>", at + 1)) {
    const std::string block = xml.substr(at, xml.find("</CcyNtry>", at) - at);
    const std::string code = Tag(block, "Ccy");
    if (code.empty()) continue;  // "No universal currency" (Antarctica)
    rows[code] = IsoRow{Tag(block, "CcyMnrUnts"), std::stoi(Tag(block, "CcyNbr"))};
  }
  return rows;
}

TEST(CurrencyTest, TableMatchesTheIsoListFile) {
  const std::map<std::string, IsoRow> iso = ReadIsoList();
  ASSERT_EQ(iso.size(), 179u);
  std::set<std::string> billable;
  for (const auto& [code, row] : iso) {
    Result<Currency> currency = Currency::Find(code);
    if (row.minor_units == "N.A.") {
      EXPECT_THAT(currency, HasReason("currency.not_billable")) << code;
      continue;
    }
    ASSERT_OK(currency) << code;
    EXPECT_EQ(currency->exponent(), std::stoi(row.minor_units)) << code;
    EXPECT_EQ(currency->numeric_code(), row.numeric_code) << code;
    billable.insert(code);
  }
  // And nothing in the table that the file does not have.
  std::set<std::string> table;
  for (Currency currency : Currency::All()) table.emplace(currency.code());
  EXPECT_EQ(table, billable);
}

}  // namespace
}  // namespace accrue
