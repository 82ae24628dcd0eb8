#include "accrue/formats/bank/bank_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::formats::bank {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::testing::ElementsAre;

const Currency kEur = Currency::FromCodeOrDie("EUR");

// A German bank's export: preamble, ';', decimal comma, thousands dots, DD.MM.YYYY, one signed
// amount column, quoted text with the delimiter and a line break inside.
CsvColumnMapping GermanMapping() {
  CsvColumnMapping m;
  m.delimiter = ';';
  m.skip_lines = 2;
  m.date_format = "DD.MM.YYYY";
  m.decimal_separator = ',';
  m.thousands_separator = '.';
  m.currency_code = "EUR";
  m.booking_date = "Buchungstag";
  m.value_date = "Valuta";
  m.amount = "Betrag";
  m.counterparty_name = "Auftraggeber";
  m.counterparty_iban = "IBAN";
  m.remittance = {"Verwendungszweck", "Verwendungszweck 2"};
  m.end_to_end_id = "EREF";
  return m;
}

constexpr const char* kGerman =
    "\xEF\xBB\xBF"
    "Kontonummer;DE44500105175407324931\r\n"
    "Zeitraum;01.03.2026 - 31.03.2026\r\n"
    "Buchungstag;Valuta;Auftraggeber;IBAN;Verwendungszweck;Verwendungszweck 2;EREF;Betrag\r\n"
    "02.03.2026;03.03.2026;\"Acme; Trading "
    "GmbH\";DE02120300000000202051;\"INV-2026-\n000123\";;E2E-1;1.234,50\r\n"
    "\r\n"
    "04.03.2026;;\"Say \"\"hi\"\"\";;Miete;;;-19,90\r\n"
    "05.03.2026;;X;;;;;12,00-\r\n";

TEST(BankCsvTest, GermanExport) {
  ASSERT_OK_AND_ASSIGN(banking::Statement s,
                       ParseBankCsv(kGerman, GermanMapping(), "csv-1", "DE44"));
  EXPECT_EQ(s.id, "csv-1");
  EXPECT_EQ(s.account, "DE44");
  EXPECT_FALSE(s.opening.has_value());
  ASSERT_EQ(s.entries.size(), 3u);
  const banking::Entry& e = s.entries[0];
  EXPECT_EQ(e.amount, Money::FromMinor(123450, kEur));
  EXPECT_EQ(e.booking_date, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(e.value_date, absl::CivilDay(2026, 3, 3));
  EXPECT_EQ(e.counterparty.name, "Acme; Trading GmbH");
  EXPECT_EQ(e.counterparty.iban, "DE02120300000000202051");
  EXPECT_THAT(e.remittance_lines, ElementsAre("INV-2026-\n000123"));
  EXPECT_EQ(e.end_to_end_id, "E2E-1");
  EXPECT_EQ(s.entries[1].amount.minor_units(), -1990);
  EXPECT_EQ(s.entries[1].counterparty.name, "Say \"hi\"");
  EXPECT_FALSE(s.entries[1].value_date.has_value());
  EXPECT_EQ(s.entries[2].amount.minor_units(), -1200);  // trailing minus
}

TEST(BankCsvTest, DebitCreditColumnsWithoutHeader) {
  CsvColumnMapping m;
  m.has_header = false;
  m.date_format = "MM/DD/YY";
  m.booking_date = "1";
  m.debit = "2";
  m.credit = "3";
  m.currency = "4";
  m.remittance = {"5"};
  ASSERT_OK_AND_ASSIGN(banking::Statement s, ParseBankCsv("03/02/26,,100.00,USD,INV-2026-000001\n"
                                                          "03/03/26,25.5,,USD,fee\n"
                                                          "03/04/26,-7.25,,USD,signed debit\n"
                                                          "03/05/26,(1.00),,JPY,odd\n",
                                                          m));
  EXPECT_EQ(s.currency.code(), "USD");
  EXPECT_EQ(s.entries[0].amount.minor_units(), 10000);
  EXPECT_EQ(s.entries[1].amount.minor_units(), -2550);
  EXPECT_EQ(s.entries[2].amount.minor_units(), -725);
  EXPECT_EQ(s.entries[3].amount.currency().code(), "JPY");
  EXPECT_EQ(s.entries[3].amount.minor_units(), -1);
  EXPECT_EQ(s.entries[0].booking_date, absl::CivilDay(2026, 3, 2));
}

TEST(BankCsvTest, AmountsAreExact) {
  EXPECT_EQ(*ParseCsvAmount("1.234.567,89", ',', '.', kEur), Money::FromMinor(123456789, kEur));
  EXPECT_EQ(*ParseCsvAmount(" +0,10 ", ',', '\0', kEur), Money::FromMinor(10, kEur));
  EXPECT_EQ(*ParseCsvAmount("1,000.5", '.', ',', kEur), Money::FromMinor(100050, kEur));
  for (const char* bad : {"", "-", "1.2.3", "1,00", "12,3456", ",100", "12.345", "abc", "1e3",
                          "--1", "12 50", "(1.00"}) {
    EXPECT_THAT(ParseCsvAmount(bad, '.', ',', kEur), HasReason("bank.csv.bad_amount")) << bad;
  }
}

TEST(BankCsvTest, Dates) {
  EXPECT_EQ(ParseDateWithFormat("29.02.2028", "DD.MM.YYYY"), absl::CivilDay(2028, 2, 29));
  EXPECT_FALSE(ParseDateWithFormat("29.02.2026", "DD.MM.YYYY").has_value());
  EXPECT_FALSE(ParseDateWithFormat("2026-03-01x", "YYYY-MM-DD").has_value());
  EXPECT_FALSE(ParseDateWithFormat("2026/03/01", "YYYY-MM-DD").has_value());
  EXPECT_EQ(ParseDateWithFormat("690101", "YYMMDD"), absl::CivilDay(2069, 1, 1));
  EXPECT_EQ(ParseDateWithFormat("700101", "YYMMDD"), absl::CivilDay(1970, 1, 1));
}

TEST(BankCsvTest, BadMappings) {
  auto with = [](auto change) {
    CsvColumnMapping m = GermanMapping();
    change(m);
    return ParseBankCsv(kGerman, m);
  };
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.booking_date.clear(); }),
              HasParam("mapping.booking_date"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.debit = "Soll"; }), HasParam("mapping.amount"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.currency_code.clear(); }),
              HasParam("mapping.currency_code"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.currency_code = "EURO"; }),
              HasParam("mapping.currency_code"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.delimiter = '"'; }),
              HasReason("bank.csv.bad_mapping"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.thousands_separator = ','; }),
              HasReason("bank.csv.bad_mapping"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.date_format = "YYYY"; }),
              HasReason("bank.csv.bad_mapping"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.skip_lines = 1000; }),
              HasReason("bank.csv.bad_mapping"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.amount = "Amount"; }),
              HasReason("bank.csv.missing_column"));
  EXPECT_THAT(with([](CsvColumnMapping& m) { m.has_header = false; }),
              HasReason("bank.csv.bad_mapping"));
}

TEST(BankCsvTest, BadRowsNameTheirLine) {
  CsvColumnMapping m = GermanMapping();
  m.skip_lines = 0;
  const std::string header =
      "Buchungstag;Valuta;Auftraggeber;IBAN;Verwendungszweck;Verwendungszweck 2;EREF;Betrag\n";
  struct Case {
    std::string rows;
    const char* reason;
    const char* param;
  };
  const Case cases[] = {
      {"31.02.2026;;;;;;;1,00\n", "bank.csv.bad_date", "line 2.booking_date"},
      {"01.03.2026;2026-03-01;;;;;;1,00\n", "bank.csv.bad_date", "line 2.value_date"},
      {"01.03.2026;;;;;;;1,005\n", "bank.csv.bad_amount", "line 2.amount"},
      {"01.03.2026;;;;;;;zwölf\n", "bank.csv.bad_amount", "line 2.amount"},
      {"01.03.2026;;;;;;;1,00\n01.03.2026;;\n", "bank.csv.bad_row", "line 3"},
      {"01.03.2026;;\"open;;;;;1,00\n", "bank.csv.unterminated_quote", "line 2"},
      {"", "bank.csv.empty", ""},
  };
  for (const Case& c : cases) {
    Result<banking::Statement> r = ParseBankCsv(header + c.rows, m);
    EXPECT_THAT(r, HasReason(c.reason)) << c.rows;
    EXPECT_THAT(r, HasParam(c.param)) << c.rows;
  }
  EXPECT_THAT(ParseBankCsv("", m), HasReason("bank.csv.empty"));
  CsvColumnMapping dc = m;
  dc.amount.clear();
  dc.debit = "EREF";
  dc.credit = "Betrag";
  EXPECT_THAT(ParseBankCsv(header + "01.03.2026;;;;;;2,00;1,00\n", dc),
              HasReason("bank.csv.bad_row"));
}

}  // namespace
}  // namespace accrue::formats::bank
