#include "accrue/domain/banking/remittance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::banking {
namespace {

using ::accrue::testing::HasReason;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> Find(std::string_view format, std::string_view text) {
  Result<InvoiceNumberPattern> p = InvoiceNumberPattern::FromFormat(format);
  EXPECT_TRUE(p.ok()) << p.status();
  std::vector<std::string> out;
  p->FindCandidates(text, &out);
  return out;
}

TEST(CompactReferenceTest, KeepsLettersAndDigits) {
  EXPECT_EQ(CompactReference("inv-2026-\n000123"), "INV2026000123");
  EXPECT_EQ(CompactReference(" / "), "");
}

TEST(InvoiceNumberPatternTest, FindsMangledNumbers) {
  for (const char* text :
       {"INV-2026-000123", "INV 2026 000123", "INV2026000123", "inv-2026-\n000123",
        "Rechnung Nr. INV-2026-000123 vom 3.1.", "INV-2026-000\n123", "RECHNUNGINV2026000123",
        "invoice:inv/2026/000123.", "Inv.2026.000123, thanks", "INV 2026-000123 4500 EUR",
        "I N V 2 0 2 6 0 0 0 1 2 3"}) {
    EXPECT_THAT(Find("INV-{YYYY}-{SEQ:6}", text), Contains("INV2026000123")) << text;
  }
}

TEST(InvoiceNumberPatternTest, DoesNotRunIntoFollowingDigits) {
  std::vector<std::string> found = Find("INV-{YYYY}-{SEQ:6}", "INV-2026-000123 4500 EUR");
  EXPECT_THAT(found, Not(Contains("INV20260001234500")));
  EXPECT_THAT(Find("INV-{YYYY}-{SEQ:6}", "INV-2026-00012"), IsEmpty());  // too short
}

TEST(InvoiceNumberPatternTest, CounterMayOutgrowItsPadding) {
  EXPECT_THAT(Find("INV-{YYYY}-{SEQ:6}", "INV-2026-1234567"), Contains("INV20261234567"));
}

TEST(InvoiceNumberPatternTest, SeveralNumbersInOneText) {
  std::vector<std::string> found =
      Find("INV-{YYYY}-{SEQ:6}", "INV-2026-000001, INV-2026-000002 und\nINV 2026 000003");
  EXPECT_THAT(found, Contains("INV2026000001"));
  EXPECT_THAT(found, Contains("INV2026000002"));
  EXPECT_THAT(found, Contains("INV2026000003"));
}

TEST(InvoiceNumberPatternTest, NumericFormatsStartAtWordBoundaries) {
  EXPECT_THAT(Find("{YY}{MM}/{SEQ:4}", "Rg 2603/0042 bezahlt"), Contains("26030042"));
  // Inside a longer digit string (an IBAN) it is not a number of ours.
  EXPECT_THAT(Find("{YY}{MM}/{SEQ:4}", "DE44500105175407324931"), IsEmpty());
}

TEST(InvoiceNumberPatternTest, RejectsBadFormats) {
  EXPECT_THAT(InvoiceNumberPattern::FromFormat("INV-{YYYY}"),
              HasReason("invoice_number_format.invalid"));
}

TEST(InvoiceNumberPatternTest, HostileTextStaysBounded) {
  std::string text(100000, '1');
  std::vector<std::string> out;
  ASSERT_OK_AND_ASSIGN(InvoiceNumberPattern p, InvoiceNumberPattern::FromFormat("{SEQ}"));
  p.FindCandidates(text, &out);
  EXPECT_LE(out.size(), 12u);
}

TEST(FindRfReferencesTest, PrintedAndElectronicForms) {
  EXPECT_THAT(FindRfReferences("RF18539007547034"), Contains("RF18539007547034"));
  EXPECT_THAT(FindRfReferences("Ref: RF18 5390 0754 7034 thanks"), Contains("RF18539007547034"));
  EXPECT_THAT(FindRfReferences("rf18539007547034"), Contains("RF18539007547034"));
  EXPECT_THAT(FindRfReferences("RF18539007547035"), IsEmpty());  // check fails
  EXPECT_THAT(FindRfReferences("XRF18539007547034"), IsEmpty());
}

TEST(NameSimilarityTest, IgnoresCaseLegalFormsAndOrder) {
  EXPECT_EQ(NameSimilarity("ACME Trading GmbH", "acme trading"), 100);
  EXPECT_EQ(NameSimilarity("Müller, Hans", "HANS MUELLER"), 100);
  EXPECT_EQ(NameSimilarity("Société Générale", "SOCIETE GENERALE"), 100);
  EXPECT_EQ(NameSimilarity("Example B.V.", "EXAMPLE BV"), 100);
  EXPECT_GE(NameSimilarity("ACME TRADING", "Acme Tradng"), 75);
  EXPECT_LT(NameSimilarity("ACME TRADING", "Globex Corporation"), 30);
  EXPECT_EQ(NameSimilarity("", "Acme"), 0);
  EXPECT_EQ(NameSimilarity("GmbH", "GmbH"), 0);  // nothing left to compare
}

}  // namespace
}  // namespace accrue::banking
