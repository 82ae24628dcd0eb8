#include "accrue/formats/bank/camt.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accrue/domain/banking/matcher.h"
#include "testing/status_matchers.h"

namespace accrue::formats::bank {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;

std::string Ns(int message, int version) {
  return fmt::format("urn:iso:std:iso:20022:tech:xsd:camt.05{}.001.0{}", message, version);
}

std::string Status(int version, const char* code) {
  return version >= 8 ? fmt::format("<Sts><Cd>{}</Cd></Sts>", code)
                      : fmt::format("<Sts>{}</Sts>", code);
}

std::string Entry(int version, const char* amount, const char* ind, const char* extra = "",
                  const char* status = "BOOK") {
  return fmt::format(
      "<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd>{}"
      "<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><DtTm>2026-03-03T10:00:00+01:00</DtTm></ValDt>"
      "{}</Ntry>",
      amount, ind, Status(version, status), extra);
}

std::string Bal(const char* code, const char* amount, const char* ind = "CRDT") {
  return fmt::format(
      "<Bal><Tp><CdOrPrtry><Cd>{}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt>"
      "<CdtDbtInd>{}</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>",
      code, amount, ind);
}

std::string Doc053(int version, const std::string& body) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"{}\"><BkToCstmrStmt>"
      "<GrpHdr><MsgId>MSG-1</MsgId></GrpHdr><Stmt><Id>STMT-1</"
      "Id><Acct><Id><IBAN>DE02120300000000202051</IBAN>"
      "</Id><Ccy>EUR</Ccy></Acct>{}</Stmt></BkToCstmrStmt></Document>",
      Ns(3, version), body);
}

std::string Balanced(int version) {
  return Doc053(version, Bal("OPBD", "100.00") + Bal("CLBD", "150.50") +
                             Entry(version, "60.50", "CRDT") + Entry(version, "10", "DBIT"));
}

TEST(CamtTest, EveryVersionOf053Parses) {
  for (int v = 2; v <= 8; ++v) {
    SCOPED_TRACE(v);
    ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(Balanced(v)));
    EXPECT_EQ(doc.version, v);
    EXPECT_EQ(doc.message_id, "MSG-1");
    ASSERT_EQ(doc.statements.size(), 1u);
    const banking::Statement& s = doc.statements[0];
    EXPECT_EQ(s.id, "STMT-1");
    EXPECT_EQ(s.account, "DE02120300000000202051");
    EXPECT_EQ(s.opening->amount.minor_units(), 10000);
    EXPECT_EQ(s.closing->amount.minor_units(), 15050);
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_EQ(s.entries[0].amount.minor_units(), 6050);
    EXPECT_EQ(s.entries[1].amount.minor_units(), -1000);
    EXPECT_EQ(s.entries[0].booking_date, absl::CivilDay(2026, 3, 2));
    EXPECT_EQ(s.entries[0].value_date, absl::CivilDay(2026, 3, 3));
  }
}

TEST(CamtTest, EveryVersionOf054Parses) {
  for (int v = 2; v <= 8; ++v) {
    const std::string xml = fmt::format(
        "<Document xmlns=\"{}\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N</MsgId></GrpHdr>"
        "<Ntfctn><Id>N1</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>{}</Ntfctn>"
        "</BkToCstmrDbtCdtNtfctn></Document>",
        Ns(4, v), Entry(v, "5.00", "CRDT"));
    ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(xml));
    EXPECT_EQ(doc.message, CamtMessage::k054);
    EXPECT_EQ(doc.statements.at(0).currency.code(), "EUR");  // from the entry: no Acct/Ccy
  }
}

TEST(CamtTest, WrongNamespaceIsRejected) {
  const std::string good = Balanced(2);
  for (const char* ns : {"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02",
                         "urn:iso:std:iso:20022:tech:xsd:camt.053.001.01",
                         "urn:iso:std:iso:20022:tech:xsd:camt.053.001.09",
                         "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
                         "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02x", ""}) {
    std::string xml = good;
    xml.replace(xml.find(Ns(3, 2)), Ns(3, 2).size(), ns);
    EXPECT_THAT(ParseCamt(xml), HasReason("bank.camt.bad_namespace")) << ns;
  }
  // The right namespace on a prefix is the same document.
  std::string prefixed =
      R"(<c:Document xmlns:c=")" + Ns(3, 2) +
      R"("><c:BkToCstmrStmt><c:Stmt><c:Id>X</c:Id><c:Acct><c:Ccy>EUR</c:Ccy></c:Acct></c:Stmt></c:BkToCstmrStmt></c:Document>)";
  EXPECT_OK(ParseCamt(prefixed));
  // Elements of another namespace inside are not read as ours.
  std::string foreign =
      Doc053(2, Bal("OPBD", "1.00") + Bal("CLBD", "1.00") +
                    "<x:Ntry xmlns:x=\"urn:other\"><x:Amt Ccy=\"EUR\">5</x:Amt></x:Ntry>");
  ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(foreign));
  EXPECT_TRUE(doc.statements[0].entries.empty());
}

TEST(CamtTest, NotWellFormedIsRejected) {
  for (const char* xml :
       {"", "<Document",
        "<Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt></Document>",
        "not xml at all", "<a></b>"}) {
    EXPECT_THAT(ParseCamt(xml), HasReason("bank.camt.malformed_xml")) << xml;
  }
  std::string truncated = Balanced(2);
  truncated.resize(truncated.size() / 2);
  EXPECT_THAT(ParseCamt(truncated), HasReason("bank.camt.malformed_xml"));
}

TEST(CamtTest, DtdAndEntitiesAreRefused) {
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Document xmlns=\"" +
      Ns(3, 2) + "\"><BkToCstmrStmt><Stmt><Id>&b;</Id></Stmt></BkToCstmrStmt></Document>";
  EXPECT_THAT(ParseCamt(bomb), HasReason("bank.camt.dtd_not_allowed"));
  const std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE Document SYSTEM \"http://example.com/x.dtd\">"
      "<Document xmlns=\"" +
      Ns(3, 2) + "\"/>";
  EXPECT_THAT(ParseCamt(external), HasReason("bank.camt.dtd_not_allowed"));
}

TEST(CamtTest, StructureErrors) {
  EXPECT_THAT(ParseCamt("<Stmt xmlns=\"" + Ns(3, 2) + "\"/>"), HasReason("bank.camt.not_camt"));
  EXPECT_THAT(ParseCamt("<Document xmlns=\"" + Ns(3, 2) + "\"><Other/></Document>"),
              HasReason("bank.camt.missing_element"));
  EXPECT_THAT(ParseCamt("<Document xmlns=\"" + Ns(3, 2) + "\"><BkToCstmrStmt/></Document>"),
              HasReason("bank.camt.missing_element"));
  // An empty statement with nothing that says its currency.
  EXPECT_THAT(ParseCamt(Doc053(2, "").replace(Doc053(2, "").find("<Ccy>EUR</Ccy>"), 14, "")),
              HasReason("bank.camt.missing_currency"));
}

TEST(CamtTest, BadValuesNameTheirPlace) {
  struct Case {
    std::string body;
    const char* reason;
    const char* param;
  };
  const Case cases[] = {
      {Entry(2, "12,50", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "-5.00", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "1.234", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "1e3", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "99999999999999999999999", "CRDT"), "bank.camt.bad_amount", "Stmt[1].Ntry[1].Amt"},
      {Entry(2, "5.00", "CREDIT"), "bank.camt.bad_indicator", "Stmt[1].Ntry[1].CdtDbtInd"},
      {Entry(2, "5.00", "CRDT", "", "DONE"), "bank.camt.bad_status", "Stmt[1].Ntry[1].Sts"},
      {"<Ntry><Amt Ccy=\"XYZ\">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>",
       "bank.camt.bad_currency", "Stmt[1].Ntry[1].Amt.Ccy"},
      {"<Ntry><Amt>5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>",
       "bank.camt.bad_currency", "Stmt[1].Ntry[1].Amt.Ccy"},
      {"<Ntry><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>", "bank.camt.missing_element",
       "Stmt[1].Ntry[1].Amt"},
      {"<Ntry><Amt "
       "Ccy=\"EUR\">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-02-30</Dt></"
       "BookgDt></Ntry>",
       "bank.camt.bad_date", "Stmt[1].Ntry[1].BookgDt"},
      {Bal("OPBD", "abc"), "bank.camt.bad_amount", "Stmt[1].Bal[1].Amt"},
  };
  for (const Case& c : cases) {
    Result<CamtDocument> r = ParseCamt(Doc053(2, c.body));
    EXPECT_THAT(r, HasReason(c.reason)) << c.body;
    EXPECT_THAT(r, HasParam(c.param)) << c.body;
  }
}

TEST(CamtTest, InconsistentBalancesYieldNothing) {
  const std::string xml = Doc053(2, Bal("OPBD", "100.00") + Bal("CLBD", "150.51") +
                                        Entry(2, "60.50", "CRDT") + Entry(2, "10", "DBIT"));
  Result<CamtDocument> r = ParseCamt(xml);
  EXPECT_THAT(r, HasReason("bank.statement.unbalanced"));
  EXPECT_THAT(r, HasParam("Stmt[1].balance"));
  // Inspecting (never importing) still reads it.
  EXPECT_OK(ParseCamt(xml, BankParseOptions{.require_balanced = false}));
  // A debit closing balance is negative.
  EXPECT_OK(ParseCamt(
      Doc053(2, Bal("OPBD", "10.00") + Bal("CLBD", "40.00", "DBIT") + Entry(2, "50", "DBIT"))));
  // PRCD stands in for a missing OPBD.
  EXPECT_OK(
      ParseCamt(Doc053(2, Bal("PRCD", "10.00") + Bal("CLBD", "15.00") + Entry(2, "5", "CRDT"))));
}

TEST(CamtTest, PendingEntriesDoNotCountAndReversalsAreFlagged) {
  const std::string xml =
      Doc053(2, Bal("OPBD", "100.00") + Bal("CLBD", "100.00") +
                    Entry(2, "7.00", "CRDT", "", "PDNG") + Entry(2, "5.00", "DBIT", "") +
                    Entry(2, "5.00", "CRDT", "").replace(0, 6, "<Ntry><RvslInd>true</RvslInd>"));
  ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(xml));
  const banking::Statement& s = doc.statements[0];
  EXPECT_EQ(s.entries[0].status, banking::EntryStatus::kPending);
  EXPECT_TRUE(s.entries[2].reversal);
}

TEST(CamtTest, TransactionDetailsAndBatches) {
  const std::string details =
      "<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>"
      "<TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"
      "<RltdPties><Dbtr><Nm>Acme "
      "GmbH</Nm></Dbtr><DbtrAcct><Id><IBAN>DE44500105175407324931</IBAN></Id></DbtrAcct></"
      "RltdPties>"
      "<RmtInf><Ustrd>INV-2026-000001</Ustrd></RmtInf></TxDtls>"
      "<TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><AmtDtls><TxAmt><Amt "
      "Ccy=\"EUR\">20.00</Amt></TxAmt></AmtDtls>"
      "<RltdPties><Dbtr><Pty><Nm>Globex</Nm></Pty></Dbtr></RltdPties>"
      "<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></"
      "TxDtls></NtryDtls>";
  const std::string xml = Doc053(2, Entry(2, "30.00", "CRDT", details.c_str()));
  ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(xml));
  const banking::Entry& e = doc.statements[0].entries[0];
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[0].end_to_end_id, "E2E-1");
  EXPECT_EQ(e.details[0].counterparty.name, "Acme GmbH");
  EXPECT_EQ(e.details[0].counterparty.iban, "DE44500105175407324931");
  EXPECT_EQ(e.details[1].end_to_end_id, "");
  EXPECT_EQ(e.details[1].counterparty.name, "Globex");
  EXPECT_EQ(e.details[1].creditor_reference, "RF18539007547034");
  EXPECT_EQ(e.details[1].amount->minor_units(), 2000);
  // Entry-level text keeps every payment's references.
  EXPECT_THAT(e.remittance_lines, ::testing::ElementsAre("INV-2026-000001", "RF18539007547034"));
  // The matcher sees two payments.
  std::vector<banking::PaymentLine> lines = banking::PaymentLines(doc.statements[0]);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].amount.minor_units(), 2000);
}

TEST(CamtTest, TotalsMustMatchTheEntries) {
  const std::string summary =
      "<TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries></TtlNtries></TxsSummry>";
  const std::string xml = Doc053(2, summary + Entry(2, "5", "CRDT"));
  EXPECT_THAT(ParseCamt(xml), HasReason("bank.camt.totals_mismatch"));
}

TEST(CamtTest, TooLargeIsRejectedBeforeParsing) {
  std::string huge(kStatementFileBytesMax + 1, ' ');
  EXPECT_THAT(ParseCamt(huge), HasReason("bank.file_too_large"));
}

}  // namespace
}  // namespace accrue::formats::bank
