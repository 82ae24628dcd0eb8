#include "accrue/formats/bank/mt940.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::formats::bank {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::testing::ElementsAre;

constexpr const char* kBasic =
    ":20:STMT-0001\r\n"
    ":25:DE44500105175407324931\r\n"
    ":28C:00042/001\r\n"
    ":60F:C260227EUR1000,00\r\n"
    ":61:2603020302C119,NTRFINV-2026-000123//BANKREF-1\r\n"
    "Supplementary\r\n"
    ":86:Payment inv 2026\r\n"
    "000123 thanks\r\n"
    ":61:260303D19,5NMSCNONREF\r\n"
    ":62F:C260303EUR1099,50\r\n"
    "-\r\n";

TEST(Mt940Test, ReadsTheFields) {
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(kBasic));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, "STMT-0001/00042/001");
  EXPECT_EQ(s[0].account, "DE44500105175407324931");
  EXPECT_EQ(s[0].currency.code(), "EUR");
  EXPECT_EQ(s[0].opening->amount.minor_units(), 100000);
  EXPECT_EQ(s[0].opening->date, absl::CivilDay(2026, 2, 27));
  EXPECT_EQ(s[0].closing->amount.minor_units(), 109950);
  ASSERT_EQ(s[0].entries.size(), 2u);
  const banking::Entry& e = s[0].entries[0];
  EXPECT_EQ(e.amount.minor_units(), 11900);
  EXPECT_EQ(e.value_date, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(e.booking_date, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(e.end_to_end_id, "INV-2026-000123");
  EXPECT_EQ(e.bank_reference, "BANKREF-1");
  EXPECT_THAT(e.remittance_lines,
              ElementsAre("Payment inv 2026", "000123 thanks", "Supplementary"));
  EXPECT_EQ(s[0].entries[1].amount.minor_units(), -1950);
  EXPECT_EQ(s[0].entries[1].end_to_end_id, "");
}

TEST(Mt940Test, MarksAndReversals) {
  const char* text =
      ":20:X\n:25:A\n:28C:1\n:60F:D991231EUR10,00\n"
      ":61:991231C1,NTRFA\n"       // credit
      ":61:991231D2,NTRFB\n"       // debit
      ":61:991231RC3,NTRFC\n"      // reversal of a credit: money goes out
      ":61:991231RD4,NTRFD\n"      // reversal of a debit: money comes back
      ":61:991231CR5,NTRFE\n"      // credit with funds code R
      ":61:9912310101DR6,NTRFF\n"  // entry date in the next year
      ":62F:D000101EUR11,00\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(text));
  const auto& e = s[0].entries;
  ASSERT_EQ(e.size(), 6u);
  EXPECT_EQ(e[0].amount.minor_units(), 100);
  EXPECT_EQ(e[1].amount.minor_units(), -200);
  EXPECT_EQ(e[2].amount.minor_units(), -300);
  EXPECT_TRUE(e[2].reversal);
  EXPECT_EQ(e[3].amount.minor_units(), 400);
  EXPECT_TRUE(e[3].reversal);
  EXPECT_EQ(e[4].amount.minor_units(), 500);
  EXPECT_EQ(e[5].amount.minor_units(), -600);
  EXPECT_EQ(e[5].value_date, absl::CivilDay(1999, 12, 31));
  EXPECT_EQ(e[5].booking_date, absl::CivilDay(2000, 1, 1));
  EXPECT_EQ(s[0].opening->amount.minor_units(), -1000);
}

TEST(Mt940Test, EnvelopesHeadersAndSeveralMessages) {
  const std::string one =
      "{1:F01BANKDEFFXXXX0000000000}{2:O940BANKDEFFXXXXN}{3:}{4:\n"
      ":20:A\n:25:ACC\n:28C:1/"
      "1\n:60F:C260101EUR0,\n:61:260101C5,NTRFNONREF\n:62F:C260101EUR5,\n-}{5:}\n";
  const std::string two =
      "\x01\n:20:B\n:25:ACC\n:28C:2/1\n:60M:C260102EUR5,\n:62M:C260102EUR5,\n-\x03\n"
      "940 00\n:20:C\n:25:ACC\n:28:3\n:60F:C260103EUR5,\n:62F:C260103EUR5,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(one + two));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].id, "A/1/1");
  EXPECT_EQ(s[2].id, "C/3");
}

TEST(Mt940Test, GermanStructuredInformation) {
  const char* text =
      ":20:X\n:25:A\n:28C:1\n:60F:C260101EUR0,\n"
      ":61:260101C100,NTRFNONREF\n"
      ":86:166?00GUTSCHRIFT?20EREF+E2E-77?21SVWZ+INV-2026-00?220123 danke?30BANKDEFF?31DE4450\n"
      "0105175407324931?32ACME TRADING?33GMBH\n"
      ":62F:C260101EUR100,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(text));
  const banking::Entry& e = s[0].entries[0];
  EXPECT_EQ(e.end_to_end_id, "E2E-77");
  EXPECT_EQ(e.counterparty.name, "ACME TRADINGGMBH");
  EXPECT_EQ(e.counterparty.iban, "DE44500105175407324931");
  EXPECT_EQ(e.counterparty.bic, "BANKDEFF");
  EXPECT_THAT(e.remittance_lines, ElementsAre("EREF+E2E-77", "SVWZ+INV-2026-00", "0123 danke"));
}

TEST(Mt940Test, DutchStructuredInformation) {
  const char* text =
      ":20:X\n:25:A\n:28C:1\n:60F:C260101EUR0,\n"
      ":61:260101C100,N102NONREF\n"
      ":86:/EREF/E2E-9/CNTP/NL91ABNA0417164300/ABNANL2A/J JANSEN/AMSTERDAM/REMI/USTD//INV-2026-\n"
      "000123/\n"
      ":62F:C260101EUR100,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(text));
  const banking::Entry& e = s[0].entries[0];
  EXPECT_EQ(e.end_to_end_id, "E2E-9");
  EXPECT_EQ(e.counterparty.iban, "NL91ABNA0417164300");
  EXPECT_EQ(e.counterparty.bic, "ABNANL2A");
  EXPECT_EQ(e.counterparty.name, "J JANSEN");
  EXPECT_THAT(e.remittance_lines, ElementsAre("INV-2026-000123"));
}

TEST(Mt940Test, BadInput) {
  struct Case {
    std::string text;
    const char* reason;
    const char* param;
  };
  const std::string head = ":20:X\n:25:A\n:28C:1\n";
  const Case cases[] = {
      {"", "bank.mt940.empty", ""},
      {"hello world\n", "bank.mt940.empty", ""},
      {":25:A\n:60F:C260101EUR0,\n:62F:C260101EUR0,\n", "bank.mt940.missing_field",
       "message[1]:20:"},
      {head + ":62F:C260101EUR0,\n", "bank.mt940.missing_field", "message[1]:60F:"},
      {head + ":60F:C260101EUR0,\n", "bank.mt940.missing_field", "message[1]:62F:"},
      {head + ":61:260101C5,NTRFX\n:60F:C260101EUR0,\n:62F:C260101EUR5,\n",
       "bank.mt940.missing_field", "message[1]:61:"},
      {head + ":60F:X260101EUR0,\n:62F:C260101EUR0,\n", "bank.mt940.bad_field", "message[1]:60F:"},
      {head + ":60F:C261301EUR0,\n:62F:C260101EUR0,\n", "bank.mt940.bad_date", "message[1]:60F:"},
      {head + ":60F:C260101XXX0,\n:62F:C260101EUR0,\n", "bank.mt940.bad_currency",
       "message[1]:60F:"},
      {head + ":60F:C260101EUR0.00\n:62F:C260101EUR0,\n", "bank.mt940.bad_amount",
       "message[1]:60F:"},
      {head + ":60F:C260101EUR1,234\n:62F:C260101EUR0,\n", "bank.mt940.bad_amount",
       "message[1]:60F:"},
      {head + ":60F:C260101EUR0,\n:61:260101X5,NTRFX\n:62F:C260101EUR5,\n", "bank.mt940.bad_field",
       "message[1]:61:[1]"},
      {head + ":60F:C260101EUR0,\n:61:260101C5,\n:62F:C260101EUR5,\n", "bank.mt940.bad_field",
       "message[1]:61:[1]"},
      {head + ":60F:C260101EUR0,\n:61:260101C,NTRFX\n:62F:C260101EUR5,\n", "bank.mt940.bad_amount",
       "message[1]:61:[1]"},
      {head + ":60F:C260101EUR0,\n:61:2601C5,NTRFX\n:62F:C260101EUR5,\n", "bank.mt940.bad_date",
       "message[1]:61:[1]"},
      {head + ":60F:C260101EUR0,\n:61:260101C5,NTRFX\n:62F:C260101EUR6,\n",
       "bank.statement.unbalanced", "message[1].balance"},
      {head + ":60F:C260101EUR0,\n:62F:C260101USD0,\n", "bank.statement.balance_currency",
       "message[1].balance"},
  };
  for (const Case& c : cases) {
    Result<std::vector<banking::Statement>> r = ParseMt940(c.text);
    EXPECT_THAT(r, HasReason(c.reason)) << c.text;
    EXPECT_THAT(r, HasParam(c.param)) << c.text;
  }
}

TEST(Mt940Test, OneBadMessageRejectsTheFile) {
  const std::string good = ":20:A\n:25:A\n:28C:1\n:60F:C260101EUR0,\n:62F:C260101EUR0,\n-\n";
  const std::string bad = ":20:B\n:25:A\n:28C:2\n:60F:C260101EUR0,\n:62F:C260101EUR1,\n-\n";
  Result<std::vector<banking::Statement>> r = ParseMt940(good + bad);
  EXPECT_THAT(r, HasReason("bank.statement.unbalanced"));
  EXPECT_THAT(r, HasParam("message[2].balance"));
}

TEST(Mt940Test, CurrencyExponentIsRespected) {
  const char* jpy =
      ":20:J\n:25:A\n:28C:1\n:60F:C260101JPY1000,\n:61:260101C500,NTRFX\n:62F:C260101JPY1500,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(jpy));
  EXPECT_EQ(s[0].entries[0].amount.minor_units(), 500);
  const char* too_precise = ":20:J\n:25:A\n:28C:1\n:60F:C260101JPY1000,5\n:62F:C260101JPY1000,5\n";
  EXPECT_THAT(ParseMt940(too_precise), HasReason("bank.mt940.bad_amount"));
}

}  // namespace
}  // namespace accrue::formats::bank
