// Finalized invoices and credit notes mapped onto EN 16931: a seller without a VAT id gets
// valid, schema-valid UBL and CII (category O); periods are calendar days in the buyer's zone;
// lines whose quantity × price does not give the amount are shown as one unit at the amount;
// a VAT-registered seller's invoice is mapped but marked undetermined.
#include "accrue/formats/einvoice/invoice_mapping.h"

#include <gtest/gtest.h>

#include "accrue/base/strings.h"
#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/formats/einvoice/cii_writer.h"
#include "accrue/formats/einvoice/einvoice_test_util.h"
#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/ubl_writer.h"

namespace accrue::einvoice {
namespace {

using testing::CiiSchema;
using testing::UblCreditNoteSchema;
using testing::UblInvoiceSchema;

Uuid U(int n) { return Uuid::Parse(fmt::format("0190a000-0000-7000-8000-{:012d}", n)).value(); }

absl::TimeZone Berlin() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return tz;
}

absl::Time BerlinMidnight(int y, int m, int d) {
  return absl::FromCivil(absl::CivilDay(y, m, d), Berlin());
}

SellerProfile Seller() {
  SellerProfile s;
  s.legal_name = "Accrue Demo Ltd";
  s.address = {"1 Main Street", "", "Dublin", "D01 X2Y3", "", "IE"};
  s.legal_registration_id = "IE 654321";
  s.email = "billing@accrue.example";
  s.iban = "DE89370400440532013000";
  s.bic = "COBADEFFXXX";
  return s;
}

Invoice FinalizedInvoice() {
  Invoice inv;
  inv.id = InvoiceId(U(1));
  inv.tenant_id = TenantId(U(2));
  inv.customer_id = CustomerId(U(3));
  inv.status = InvoiceStatus::kOpen;
  inv.number = "INV-2026-000042";
  inv.sequence = 42;
  inv.currency = Currency::FromCodeOrDie("EUR");
  inv.issue_date = absl::CivilDay(2026, 3, 1);
  inv.due_date = absl::CivilDay(2026, 3, 31);
  inv.period_start = BerlinMidnight(2026, 3, 1);
  inv.period_end = BerlinMidnight(2026, 4, 1);
  inv.buyer.name = "Müller GmbH";
  inv.buyer.email = "ap@mueller.example";
  inv.buyer.address = {"Hauptstraße 5", "", "Berlin", "10115", "", "DE"};
  InvoiceLine fee;
  fee.id = InvoiceLineId(U(10));
  fee.description = "Pro plan";
  fee.quantity = Decimal::FromInt(3);
  fee.unit_price = Decimal::Parse("49").value();
  fee.amount_minor = 14700;
  fee.period_start = inv.period_start;
  fee.period_end = inv.period_end;
  InvoiceLine usage;  // tiered: the unit price is 0, the amount comes from the tiers
  usage.id = InvoiceLineId(U(11));
  usage.description = "API calls";
  usage.quantity = Decimal::FromInt(125000);
  usage.unit_price = Decimal::FromInt(0);
  usage.amount_minor = 1250;
  InvoiceLine discount;
  discount.id = InvoiceLineId(U(12));
  discount.description = "Loyalty discount";
  discount.quantity = Decimal::FromInt(1);
  discount.unit_price = Decimal::Parse("-10").value();
  discount.amount_minor = -1000;
  inv.lines = {fee, usage, discount};
  inv.subtotal_minor = 14950;
  inv.total_minor = 14950;
  inv.amount_due_minor = 14950;
  return inv;
}

TEST(InvoiceMappingTest, SellerWithoutVatIdGetsValidUblAndCii) {
  Result<MappedDocument> mapped = MapInvoice(FinalizedInvoice(), Seller(), "Tenant", Berlin());
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  EXPECT_TRUE(mapped->vat_determined);
  const EInvoiceDocument& doc = mapped->document;
  EXPECT_EQ(doc.number, "INV-2026-000042");
  ASSERT_EQ(doc.vat_breakdown.size(), 1u);
  EXPECT_EQ(doc.vat_breakdown[0].category, VatCategory::kNotSubject);
  EXPECT_EQ(doc.vat_breakdown[0].exemption_reason_code, "VATEX-EU-O");
  EXPECT_EQ(doc.totals.payable->minor_units(), 14950);
  EXPECT_TRUE(CheckDocument(doc, Profile::kEn16931).ok()) << CheckDocument(doc, Profile::kEn16931);

  Result<std::string> ubl = WriteUbl(doc, Profile::kEn16931);
  ASSERT_TRUE(ubl.ok()) << ubl.status();
  EXPECT_EQ(UblInvoiceSchema().Validate(*ubl), "");
  Result<std::string> cii = WriteCii(doc, Profile::kEn16931);
  ASSERT_TRUE(cii.ok()) << cii.status();
  EXPECT_EQ(CiiSchema().Validate(*cii), "");
  // Peppol additionally wants a buyer reference or an order reference (PEPPOL-EN16931-R003).
  Result<std::string> peppol = WriteUbl(doc, Profile::kPeppolBis3);
  ASSERT_FALSE(peppol.ok());
  EXPECT_NE(std::string(peppol.status().message()).find("R003"), std::string::npos)
      << peppol.status();
  Invoice with_po = FinalizedInvoice();
  with_po.metadata.push_back({"purchase_order", "PO-7781"});
  Result<MappedDocument> po = MapInvoice(with_po, Seller(), "Tenant", Berlin());
  EXPECT_EQ(po->document.order_reference, "PO-7781");
  Result<std::string> peppol_po = WriteUbl(po->document, Profile::kPeppolBis3);
  EXPECT_TRUE(peppol_po.ok()) << peppol_po.status();
}

TEST(InvoiceMappingTest, PeriodsAreCalendarDaysInTheBuyersZone) {
  const EInvoiceDocument doc =
      MapInvoice(FinalizedInvoice(), Seller(), "Tenant", Berlin())->document;
  // Berlin midnight is 23:00 UTC the day before; the exclusive end becomes the last day.
  ASSERT_TRUE(doc.invoice_period.has_value());
  EXPECT_EQ(doc.invoice_period->start, absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(doc.invoice_period->end, absl::CivilDay(2026, 3, 31));
  ASSERT_TRUE(doc.lines[0].period.has_value());
  EXPECT_EQ(doc.lines[0].period->end, absl::CivilDay(2026, 3, 31));
  EXPECT_FALSE(doc.lines[1].period.has_value());
}

TEST(InvoiceMappingTest, LinesMultiplyOutToTheirAmounts) {
  const EInvoiceDocument doc =
      MapInvoice(FinalizedInvoice(), Seller(), "Tenant", Berlin())->document;
  // 3 × 49 = 147.00: kept as is.
  EXPECT_EQ(doc.lines[0].quantity, Decimal::FromInt(3));
  EXPECT_EQ(doc.lines[0].net_price, Decimal::Parse("49").value());
  // Tiered usage: one unit at the amount, the measured quantity in the note.
  EXPECT_EQ(doc.lines[1].quantity, Decimal::FromInt(1));
  EXPECT_EQ(doc.lines[1].net_price, Decimal::Parse("12.5").value());
  EXPECT_EQ(doc.lines[1].note, "Quantity 125000");
  // A discount: the sign moves to the quantity, the price stays positive (BR-27).
  EXPECT_EQ(doc.lines[2].quantity, Decimal::FromInt(-1));
  EXPECT_EQ(doc.lines[2].net_price, Decimal::Parse("10").value());
  EXPECT_EQ(doc.lines[2].net_amount->minor_units(), -1000);
}

TEST(InvoiceMappingTest, PaymentInstructionsCarryAnRfReference) {
  const EInvoiceDocument doc =
      MapInvoice(FinalizedInvoice(), Seller(), "Tenant", Berlin())->document;
  ASSERT_TRUE(doc.payment_means.has_value());
  EXPECT_EQ(doc.payment_means->type_code, "58");
  EXPECT_EQ(doc.payment_means->account_id, "DE89370400440532013000");
  EXPECT_EQ(doc.payment_means->payment_id, CreditorReferenceFor("INV-2026-000042"));
  EXPECT_TRUE(banking::IsValidRf(doc.payment_means->payment_id));
  EXPECT_TRUE(doc.payment_means->payment_id.ends_with("INV2026000042"));
  EXPECT_EQ(doc.payment_terms, "Payment within 30 days");
  // Without an IBAN there is nothing to pay to: no payment means at all.
  SellerProfile no_bank = Seller();
  no_bank.iban.clear();
  EXPECT_FALSE(MapInvoice(FinalizedInvoice(), no_bank, "Tenant", Berlin())->document.payment_means);
}

TEST(InvoiceMappingTest, VatRegisteredSellerIsNotGivenMadeUpVat) {
  SellerProfile registered = Seller();
  registered.vat_id = "IE6388047V";
  Result<MappedDocument> mapped = MapInvoice(FinalizedInvoice(), registered, "Tenant", Berlin());
  ASSERT_TRUE(mapped.ok());
  EXPECT_FALSE(mapped->vat_determined);
  EXPECT_TRUE(mapped->document.vat_breakdown.empty());
  EXPECT_EQ(mapped->document.seller.vat_id, "IE6388047V");
}

TEST(InvoiceMappingTest, ABuyerWithoutCountryIsRefusedNamingTheRule) {
  Invoice inv = FinalizedInvoice();
  inv.buyer.address = {};
  Result<MappedDocument> mapped = MapInvoice(inv, Seller(), "Tenant", Berlin());
  ASSERT_TRUE(mapped.ok());
  Result<std::string> cii = WriteCii(mapped->document, Profile::kEn16931);
  ASSERT_FALSE(cii.ok());
  EXPECT_EQ(ErrorReason(cii.status()), "einvoice.BR-11");
  EXPECT_EQ(ErrorParam(cii.status()), "buyer.address.country_code");
}

TEST(InvoiceMappingTest, DraftsAreNotDocuments) {
  Invoice draft = FinalizedInvoice();
  draft.status = InvoiceStatus::kDraft;
  draft.number.reset();
  Result<MappedDocument> mapped = MapInvoice(draft, Seller(), "Tenant", Berlin());
  ASSERT_FALSE(mapped.ok());
  EXPECT_EQ(mapped.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(mapped.status()), "einvoice.not_finalized");
}

TEST(InvoiceMappingTest, CreditNoteReferencesItsInvoice) {
  const Invoice inv = FinalizedInvoice();
  CreditNote note;
  note.id = CreditNoteId(U(20));
  note.invoice_id = inv.id;
  note.number = "CN-2026-000007";
  note.currency = inv.currency;
  note.issue_date = absl::CivilDay(2026, 3, 15);
  note.reason = CreditNoteReason::kBillingError;
  CreditNoteLine l;
  l.id = CreditNoteLineId(U(21));
  l.invoice_line_id = inv.lines[0].id;
  l.description = "Pro plan";
  l.amount_minor = 4900;
  note.lines = {l};
  note.subtotal_minor = 4900;
  note.total_minor = 4900;
  Result<MappedDocument> mapped = MapCreditNote(note, inv, Seller(), "Tenant", Berlin());
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  const EInvoiceDocument& doc = mapped->document;
  EXPECT_EQ(doc.type, DocumentType::kCreditNote);
  ASSERT_EQ(doc.preceding_invoices.size(), 1u);
  EXPECT_EQ(doc.preceding_invoices[0].number, "INV-2026-000042");
  EXPECT_EQ(doc.preceding_invoices[0].issue_date, absl::CivilDay(2026, 3, 1));
  EXPECT_FALSE(doc.payment_means.has_value());
  EXPECT_EQ(doc.lines[0].period->start, absl::CivilDay(2026, 3, 1));  // the credited line's
  Result<std::string> ubl = WriteUbl(doc, Profile::kEn16931);
  ASSERT_TRUE(ubl.ok()) << ubl.status();
  EXPECT_EQ(UblCreditNoteSchema().Validate(*ubl), "");
  Result<std::string> cii = WriteCii(doc, Profile::kEn16931);
  ASSERT_TRUE(cii.ok()) << cii.status();
  EXPECT_EQ(CiiSchema().Validate(*cii), "");
}

TEST(InvoiceMappingTest, CreditorReferenceKeepsTheLastCharacters) {
  EXPECT_TRUE(CreditorReferenceFor("INV-2026-000001").ends_with("INV2026000001"));
  const std::string rf = CreditorReferenceFor("ACME-EUROPE-SUBSIDIARY-2026-000001");
  EXPECT_TRUE(banking::IsValidRf(rf));
  EXPECT_EQ(rf.size(), 25u);
  EXPECT_TRUE(rf.ends_with("SUBSIDIARY2026000001"));
}

}  // namespace
}  // namespace accrue::einvoice
