// Every scenario, in every profile, written as UBL and as CII: the rule checks pass, the XML
// validates against the official UBL 2.1 / CII D16B schemas (in process, libxml2), and what
// the XML says matches the model. Plus golden files for three documents.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "accrue/formats/einvoice/cii_writer.h"
#include "accrue/formats/einvoice/einvoice_test_util.h"
#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/ubl_writer.h"
#include "testing/status_matchers.h"

namespace accrue::einvoice {
namespace {

using ::accrue::testing::HasReason;
using testing::BaseDocument;
using testing::CiiSchema;
using testing::M;
using testing::ScenarioByName;
using testing::Scenarios;
using testing::UblCreditNoteSchema;
using testing::UblInvoiceSchema;
using testing::XmlDoc;

constexpr Profile kProfiles[] = {Profile::kEn16931, Profile::kPeppolBis3, Profile::kXRechnung3};

TEST(EInvoiceSchemas, Load) {
  ASSERT_TRUE(UblInvoiceSchema().loaded());
  ASSERT_TRUE(UblCreditNoteSchema().loaded());
  ASSERT_TRUE(CiiSchema().loaded());
}

TEST(EInvoiceScenarios, AtLeastTen) { EXPECT_GE(Scenarios().size(), 10u); }

TEST(EInvoiceScenarios, PassRulesInEveryProfile) {
  for (const auto& s : Scenarios()) {
    for (Profile p : kProfiles) {
      std::vector<RuleViolation> v = FindViolations(s.doc, p);
      EXPECT_TRUE(v.empty()) << s.name << " / " << ProfileName(p) << ": " << v.front().message
                             << " (" << v.front().param << ")";
    }
  }
}

TEST(EInvoiceScenarios, UblValidatesAgainstXsd) {
  for (const auto& s : Scenarios()) {
    for (Profile p : kProfiles) {
      ASSERT_OK_AND_ASSIGN(std::string xml, WriteUbl(s.doc, p));
      const auto& schema =
          s.doc.type == DocumentType::kCreditNote ? UblCreditNoteSchema() : UblInvoiceSchema();
      EXPECT_EQ(schema.Validate(xml), "") << s.name << " / " << ProfileName(p) << "\n" << xml;
    }
  }
}

TEST(EInvoiceScenarios, CiiValidatesAgainstXsd) {
  for (const auto& s : Scenarios()) {
    for (Profile p : kProfiles) {
      ASSERT_OK_AND_ASSIGN(std::string xml, WriteCii(s.doc, p));
      EXPECT_EQ(CiiSchema().Validate(xml), "") << s.name << " / " << ProfileName(p) << "\n" << xml;
    }
  }
}

// The written totals, read back by the same reader that reads the official examples, pass the
// calculation rules, and equal the model's.
TEST(EInvoiceScenarios, WrittenTotalsReadBackEqual) {
  for (const auto& s : Scenarios()) {
    for (bool cii : {false, true}) {
      ASSERT_OK_AND_ASSIGN(std::string xml, cii ? WriteCii(s.doc, Profile::kEn16931)
                                                : WriteUbl(s.doc, Profile::kEn16931));
      EInvoiceDocument back = testing::ReadTotalsModel(xml);
      EXPECT_EQ(back.totals.payable, s.doc.totals.payable) << s.name;
      EXPECT_EQ(back.totals.tax_amount, s.doc.totals.tax_amount) << s.name;
      EXPECT_EQ(back.totals.tax_inclusive, s.doc.totals.tax_inclusive) << s.name;
      EXPECT_EQ(back.totals.line_net_sum, s.doc.totals.line_net_sum) << s.name;
      ASSERT_EQ(back.lines.size(), s.doc.lines.size()) << s.name;
      ASSERT_EQ(back.vat_breakdown.size(), s.doc.vat_breakdown.size()) << s.name;
      for (size_t i = 0; i < back.vat_breakdown.size(); ++i) {
        EXPECT_EQ(back.vat_breakdown[i].tax_amount, s.doc.vat_breakdown[i].tax_amount);
        EXPECT_EQ(back.vat_breakdown[i].category, s.doc.vat_breakdown[i].category);
      }
    }
  }
}

TEST(UblWriter, PeppolIdentifiers) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteUbl(ScenarioByName("standard_rate"), Profile::kPeppolBis3));
  XmlDoc x(xml);
  EXPECT_EQ(x.One("/inv:Invoice/cbc:CustomizationID"),
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
  EXPECT_EQ(x.One("/inv:Invoice/cbc:ProfileID"), "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
  EXPECT_EQ(x.One("/inv:Invoice/cbc:InvoiceTypeCode"), "380");
  EXPECT_EQ(x.One("//cac:AccountingCustomerParty//cbc:EndpointID/@schemeID"), "EM");
  EXPECT_EQ(x.One("//cac:PaymentMeans/cbc:PaymentMeansCode"), "58");
  EXPECT_EQ(x.One("//cac:PayeeFinancialAccount/cbc:ID"), "DE89370400440532013000");
  EXPECT_EQ(x.One("//cac:PaymentMeans/cbc:PaymentID"), "RF18539007547034");
}

TEST(UblWriter, PlainEn16931HasNoProfileId) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteUbl(ScenarioByName("standard_rate"), Profile::kEn16931));
  XmlDoc x(xml);
  EXPECT_EQ(x.One("/inv:Invoice/cbc:CustomizationID"), "urn:cen.eu:en16931:2017");
  EXPECT_TRUE(x.All("/inv:Invoice/cbc:ProfileID").empty());
}

TEST(UblWriter, CreditNoteReferencesTheInvoice) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteUbl(ScenarioByName("credit_note"), Profile::kPeppolBis3));
  XmlDoc x(xml);
  EXPECT_EQ(x.One("/cn:CreditNote/cbc:CreditNoteTypeCode"), "381");
  EXPECT_EQ(x.One("//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"), "INV-2024-0001");
  EXPECT_EQ(x.One("//cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate"),
            "2024-03-01");
  EXPECT_EQ(x.All("//cac:CreditNoteLine/cbc:CreditedQuantity").size(), 1u);
  EXPECT_EQ(x.One("//cbc:PayableAmount"), "18.81");
}

TEST(UblWriter, CreditNoteDueDateNeedsPaymentMeans) {
  EInvoiceDocument doc = ScenarioByName("credit_note");
  doc.due_date = absl::CivilDay(2024, 4, 1);
  ASSERT_OK_AND_ASSIGN(std::string xml, WriteUbl(doc, Profile::kEn16931));
  EXPECT_EQ(XmlDoc(xml).One("//cac:PaymentMeans/cbc:PaymentDueDate"), "2024-04-01");
  doc.payment_means.reset();
  EXPECT_THAT(WriteUbl(doc, Profile::kEn16931), HasReason("einvoice.ubl.credit_note_due_date"));
}

TEST(UblWriter, AmountsUseCurrencyDecimalsCappedAtTwo) {
  ASSERT_OK_AND_ASSIGN(std::string jpy, WriteUbl(ScenarioByName("jpy"), Profile::kEn16931));
  XmlDoc j(jpy);
  EXPECT_EQ(j.One("//cac:LegalMonetaryTotal/cbc:LineExtensionAmount"), "15165");
  EXPECT_EQ(j.One("//cac:TaxTotal/cbc:TaxAmount"), "2881");
  EXPECT_EQ(j.One("//cac:TaxTotal/cbc:TaxAmount/@currencyID"), "JPY");
  ASSERT_OK_AND_ASSIGN(std::string kwd, WriteUbl(ScenarioByName("kwd"), Profile::kEn16931));
  XmlDoc k(kwd);
  EXPECT_EQ(k.One("//cac:LegalMonetaryTotal/cbc:LineExtensionAmount"), "101.00");
  EXPECT_EQ(k.One("//cac:TaxTotal/cbc:TaxAmount"), "19.19");
  ASSERT_OK_AND_ASSIGN(std::string eur, WriteUbl(ScenarioByName("mixed_rates"), Profile::kEn16931));
  EXPECT_EQ(XmlDoc(eur).One("//cac:LegalMonetaryTotal/cbc:PayableAmount"), "1156.55");
}

TEST(UblWriter, KwdAmountWithThreeDecimalsIsRefused) {
  EInvoiceDocument doc = ScenarioByName("kwd");
  doc.totals.rounding = M("0.005", "KWD");
  doc.totals.payable = *doc.totals.payable + *doc.totals.rounding;
  EXPECT_THAT(WriteUbl(doc, Profile::kEn16931), HasReason("einvoice.BR-DEC-17"));
}

TEST(UblWriter, EscapesText) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.lines[0].item_name = "R&D <consulting> \"quoted\" — 東京";
  ASSERT_OK_AND_ASSIGN(std::string xml, WriteUbl(doc, Profile::kEn16931));
  EXPECT_EQ(XmlDoc(xml).One("//cac:InvoiceLine[1]/cac:Item/cbc:Name"),
            "R&D <consulting> \"quoted\" — 東京");
  EXPECT_EQ(UblInvoiceSchema().Validate(xml), "");
}

TEST(UblWriter, NothingIsWrittenWhenARuleFails) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.totals.tax_inclusive = *doc.totals.tax_inclusive + M("0.01");
  Result<std::string> r = WriteUbl(doc, Profile::kPeppolBis3);
  EXPECT_THAT(r, HasReason("einvoice.BR-CO-15"));
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("[BR-CO-15]-Invoice total amount with "
                                                         "VAT (BT-112)"));
  EXPECT_THAT(WriteCii(doc, Profile::kEn16931), HasReason("einvoice.BR-CO-15"));
}

TEST(CiiWriter, GuidelineIds) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  const std::string path =
      "//rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContext"
      "Parameter/ram:ID";
  ASSERT_OK_AND_ASSIGN(std::string en, WriteCii(doc, Profile::kEn16931));
  EXPECT_EQ(XmlDoc(en).One(path), "urn:cen.eu:en16931:2017");
  ASSERT_OK_AND_ASSIGN(std::string xr, WriteCii(doc, Profile::kXRechnung3));
  EXPECT_EQ(XmlDoc(xr).One(path),
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");
  ASSERT_OK_AND_ASSIGN(std::string pe, WriteCii(doc, Profile::kPeppolBis3));
  EXPECT_EQ(XmlDoc(pe).One(path), kPeppolSpecificationId);
}

TEST(CiiWriter, ContentMatchesModel) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteCii(ScenarioByName("reverse_charge"), Profile::kXRechnung3));
  XmlDoc x(xml);
  EXPECT_EQ(x.One("//rsm:ExchangedDocument/ram:TypeCode"), "380");
  EXPECT_EQ(x.One("//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"), "20240301");
  EXPECT_EQ(x.One("//ram:ApplicableHeaderTradeAgreement/ram:BuyerReference"), "04011000-12345-03");
  const std::string tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/";
  EXPECT_EQ(x.One(tax + "ram:CategoryCode"), "AE");
  EXPECT_EQ(x.One(tax + "ram:ExemptionReasonCode"), "VATEX-EU-AE");
  EXPECT_EQ(x.One(tax + "ram:ExemptionReason"), "Reverse charge");
  EXPECT_EQ(x.One(tax + "ram:CalculatedAmount"), "0.00");
  EXPECT_EQ(x.One("//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"),
            "DE123456789");
  EXPECT_EQ(x.One("//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"),
            "20240331");
  EXPECT_EQ(x.One("//ram:DuePayableAmount"), "1500.00");
}

TEST(CiiWriter, CreditNote) {
  ASSERT_OK_AND_ASSIGN(std::string xml, WriteCii(ScenarioByName("credit_note"), Profile::kEn16931));
  XmlDoc x(xml);
  EXPECT_EQ(x.One("//rsm:ExchangedDocument/ram:TypeCode"), "381");
  EXPECT_EQ(x.One("//ram:InvoiceReferencedDocument/ram:IssuerAssignedID"), "INV-2024-0001");
  EXPECT_EQ(x.One("//ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/"
                  "qdt:DateTimeString"),
            "20240301");
}

TEST(CiiWriter, DirectDebit) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.payment_means->type_code = "59";
  doc.payment_means->mandate_reference = "MANDATE-42";
  doc.payment_means->creditor_id = "DE98ZZZ09999999999";
  doc.payment_means->debited_account = "DE02120300000000202051";
  doc.payment_means->account_id.clear();
  doc.payment_means->account_name.clear();
  doc.payment_means->bic.clear();
  ASSERT_OK_AND_ASSIGN(std::string cii, WriteCii(doc, Profile::kPeppolBis3));
  XmlDoc x(cii);
  EXPECT_EQ(x.One("//ram:CreditorReferenceID"), "DE98ZZZ09999999999");
  EXPECT_EQ(x.One("//ram:DirectDebitMandateID"), "MANDATE-42");
  EXPECT_EQ(x.One("//ram:PayerPartyDebtorFinancialAccount/ram:IBANID"), "DE02120300000000202051");
  EXPECT_EQ(CiiSchema().Validate(cii), "");
  ASSERT_OK_AND_ASSIGN(std::string ubl, WriteUbl(doc, Profile::kPeppolBis3));
  XmlDoc u(ubl);
  EXPECT_EQ(u.One("//cac:AccountingSupplierParty//cac:PartyIdentification/"
                  "cbc:ID[@schemeID='SEPA']"),
            "DE98ZZZ09999999999");
  EXPECT_EQ(u.One("//cac:PaymentMandate/cbc:ID"), "MANDATE-42");
  EXPECT_EQ(UblInvoiceSchema().Validate(ubl), "");
}

// Golden files: set ACCRUE_UPDATE_GOLDEN=1 to rewrite them after an intended change.
void CheckGolden(const std::string& name, const std::string& xml) {
  std::string path = testing::SourceDir() + "/src/accrue/formats/einvoice/testdata/" + name;
  if (std::getenv("ACCRUE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << xml;
  }
  EXPECT_EQ(xml, testing::ReadFile(path)) << "golden file " << path << " differs";
}

TEST(EInvoiceGolden, UblInvoicePeppol) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteUbl(ScenarioByName("allowances_charges"), Profile::kPeppolBis3));
  CheckGolden("ubl_invoice_peppol.xml", xml);
}

TEST(EInvoiceGolden, UblCreditNotePeppol) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteUbl(ScenarioByName("credit_note"), Profile::kPeppolBis3));
  CheckGolden("ubl_credit_note_peppol.xml", xml);
}

TEST(EInvoiceGolden, CiiXRechnung) {
  ASSERT_OK_AND_ASSIGN(std::string xml,
                       WriteCii(ScenarioByName("mixed_rates"), Profile::kXRechnung3));
  CheckGolden("cii_invoice_xrechnung.xml", xml);
}

}  // namespace
}  // namespace accrue::einvoice
