// From bank bytes to matched invoices: the parsers keep exactly what the matcher needs.
#include <gtest/gtest.h>

#include "accrue/domain/banking/matcher.h"
#include "accrue/formats/bank/camt.h"
#include "accrue/formats/bank/mt940.h"
#include "testing/status_matchers.h"

namespace accrue::formats::bank {
namespace {

using banking::Decision;

std::vector<banking::OpenInvoice> Invoices() {
  std::vector<banking::OpenInvoice> out;
  for (int seq : {123, 124, 125}) {
    banking::OpenInvoice inv;
    inv.id = "inv_" + std::to_string(seq);
    inv.number = "INV-2026-000" + std::to_string(seq);
    inv.customer_id = "cus_acme";
    inv.customer_name = "Acme Trading GmbH";
    inv.amount_due = Money::FromMinor(10000 + seq, Currency::FromCodeOrDie("EUR"));
    inv.due_date = absl::CivilDay(2026, 3, 1);
    out.push_back(inv);
  }
  return out;
}

std::vector<banking::MatchResult> Match(const banking::Statement& s,
                                        const std::vector<banking::OpenInvoice>& invoices) {
  auto pattern = banking::InvoiceNumberPattern::FromFormat("INV-{YYYY}-{SEQ:6}");
  auto index = banking::InvoiceIndex::Build(invoices, {}, *pattern);
  EXPECT_TRUE(index.ok());
  std::vector<banking::PaymentLine> lines = banking::PaymentLines(s);
  return banking::Reconcile(lines, *index, banking::MatchPolicy{});
}

TEST(ParseAndMatchTest, Mt940NumberSplitAcrossSubfields) {
  // The bank cut the number between ?21 and ?22.
  const char* text =
      ":20:X\n:25:DE44500105175407324931\n:28C:1\n:60F:C260301EUR0,\n"
      ":61:2603020302C101,23NTRFNONREF\n"
      ":86:166?00GUTSCHRIFT?20EREF+NOTPROVIDED?21SVWZ+Rechnung INV-2026-00?220123 danke?32ACM\n"
      "E TRADING\n"
      ":62F:C260302EUR101,23\n";
  ASSERT_OK_AND_ASSIGN(std::vector<banking::Statement> s, ParseMt940(text));
  const std::vector<banking::OpenInvoice> invoices = Invoices();
  std::vector<banking::MatchResult> r = Match(s[0], invoices);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(invoices[r[0].allocations[0].invoice].number, "INV-2026-000123");
}

TEST(ParseAndMatchTest, Camt054BatchPaysEachInvoice) {
  const char* xml =
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
      "<GrpHdr><MsgId>M</MsgId></GrpHdr><Ntfctn><Id>N</Id><Acct><Id><IBAN>X</IBAN></Id></Acct>"
      "<Ntry><Amt Ccy=\"EUR\">201.23</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
      "<BookgDt><Dt>2026-03-02</Dt></BookgDt><NtryDtls>"
      "<TxDtls><Amt Ccy=\"EUR\">101.24</Amt><RmtInf><Ustrd>inv 2026 "
      "000124</Ustrd></RmtInf></TxDtls>"
      "<TxDtls><Amt Ccy=\"EUR\">99.99</Amt><RmtInf><Ustrd>INV2026000125 part</Ustrd></RmtInf>"
      "<RltdPties><Dbtr><Pty><Nm>ACME TRADING</Nm></Pty></Dbtr></RltdPties></TxDtls>"
      "</NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";
  ASSERT_OK_AND_ASSIGN(CamtDocument doc, ParseCamt(xml));
  const std::vector<banking::OpenInvoice> invoices = Invoices();
  std::vector<banking::MatchResult> r = Match(doc.statements[0], invoices);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(invoices[r[0].allocations[0].invoice].number, "INV-2026-000124");
  // A partial payment of 000125 (100.25 due), corroborated by the payer's name.
  ASSERT_EQ(r[1].decision, Decision::kApplied) << r[1].reason;
  EXPECT_EQ(r[1].allocations[0].amount.minor_units(), 9999);
}

}  // namespace
}  // namespace accrue::formats::bank
