#include "accrue/domain/document_chain.h"

#include <gtest/gtest.h>

#include "accrue/base/crypto.h"

namespace accrue {
namespace {

Uuid U(const char* text) { return Uuid::Parse(text).value(); }

Invoice SampleInvoice() {
  Invoice inv;
  inv.id = InvoiceId(U("0190a000-0000-7000-8000-000000000001"));
  inv.tenant_id = TenantId(U("0190a000-0000-7000-8000-0000000000aa"));
  inv.customer_id = CustomerId(U("0190a000-0000-7000-8000-0000000000cc"));
  inv.status = InvoiceStatus::kOpen;
  inv.number = "INV-2026-000001";
  inv.sequence = 1;
  inv.issue_date = absl::CivilDay(2026, 1, 1);
  inv.due_date = absl::CivilDay(2026, 1, 31);
  inv.finalized_at = absl::FromUnixSeconds(1767225600);
  inv.buyer.name = "Müller GmbH";
  inv.buyer.address.country = "DE";
  inv.buyer.tax_ids.push_back({"eu_vat", "DE123456789"});
  InvoiceLine line;
  line.id = InvoiceLineId(U("0190a000-0000-7000-8000-000000000101"));
  line.description = "Pro plan";
  line.quantity = Decimal::FromInt(1);
  line.unit_price = Decimal::Parse("49").value();
  line.amount_minor = 4900;
  inv.lines.push_back(line);
  inv.subtotal_minor = 4900;
  inv.total_minor = 4900;
  inv.amount_due_minor = 4900;
  return inv;
}

TEST(DocumentChainTest, CanonicalFormHoldsWhatWasIssuedAndNotTheFactsThatMoveLater) {
  const Invoice inv = SampleInvoice();
  const std::string base = CanonicalInvoice(inv);
  EXPECT_TRUE(base.starts_with("accrue.invoice.v1\n"));
  EXPECT_NE(base.find("number=INV-2026-000001\n"), std::string::npos);
  EXPECT_NE(base.find("line.amount=4900\n"), std::string::npos);
  EXPECT_NE(base.find("buyer.name=Müller GmbH\n"), std::string::npos);
  EXPECT_NE(base.find("\nid=" + inv.id.ToString() + "\n"), std::string::npos) << base;
  EXPECT_NE(base.find("\nsequence=1\n"), std::string::npos);
  EXPECT_NE(base.find("\nfinalized_at=1767225600000000\n"), std::string::npos);

  // Every issued field changes the form...
  std::vector<std::function<void(Invoice&)>> edits = {
      [](Invoice& i) { i.lines[0].amount_minor += 1; },
      [](Invoice& i) { i.subtotal_minor += 1; },
      [](Invoice& i) { i.total_minor += 1; },
      [](Invoice& i) { i.tax_minor += 1; },
      [](Invoice& i) { i.number = "INV-2026-000002"; },
      [](Invoice& i) { i.due_date = absl::CivilDay(2026, 2, 1); },
      [](Invoice& i) { i.buyer.name = "Mueller GmbH"; },
      [](Invoice& i) { i.buyer.tax_ids[0].value = "DE999999999"; },
      [](Invoice& i) { i.lines[0].quantity = Decimal::FromInt(2); },
      [](Invoice& i) { i.lines[0].description = "Pro plan (annual)"; },
      [](Invoice& i) { i.currency = Currency::FromCodeOrDie("USD"); },
      [](Invoice& i) { i.lines.push_back(i.lines[0]); },
  };
  for (size_t k = 0; k < edits.size(); ++k) {
    Invoice edited = inv;
    edits[k](edited);
    EXPECT_NE(CanonicalInvoice(edited), base) << "edit " << k;
  }
  // ...while paying, crediting or sending it does not.
  Invoice paid = inv;
  paid.status = InvoiceStatus::kPaid;
  paid.amount_paid_minor = 4900;
  paid.amount_due_minor = 0;
  paid.amount_credited_minor = 0;
  paid.delivery_status = DeliveryStatus::kSent;
  paid.paid_at = absl::FromUnixSeconds(1767312000);
  EXPECT_EQ(CanonicalInvoice(paid), base);
}

TEST(DocumentChainTest, TextCannotForgeAnotherField) {
  // A description that smuggles a line break and a field name is escaped, so it cannot produce
  // the same form as a document that really has those fields.
  Invoice a = SampleInvoice();
  a.lines[0].description = "Pro plan\nline.amount=1";
  const std::string form = CanonicalInvoice(a);
  EXPECT_NE(form.find("line.description=Pro plan\\nline.amount=1\n"), std::string::npos) << form;
  Invoice b = SampleInvoice();
  b.lines[0].description = "Pro plan\\nline.amount=1";  // a literal backslash-n
  EXPECT_NE(CanonicalInvoice(b), form);
  EXPECT_NE(CanonicalInvoice(b).find("line.description=Pro plan\\\\nline.amount=1\n"),
            std::string::npos);
  Invoice c = SampleInvoice();
  c.lines[0].description = "a\rb\\";
  EXPECT_NE(CanonicalInvoice(c).find("line.description=a\\rb\\\\\n"), std::string::npos);
}

TEST(DocumentChainTest, CreditNoteForm) {
  CreditNote n;
  n.id = CreditNoteId(U("0190a000-0000-7000-8000-000000000201"));
  n.number = "CN-2026-000001";
  n.sequence = 1;
  n.issue_date = absl::CivilDay(2026, 3, 1);
  n.subtotal_minor = 1000;
  n.total_minor = 1000;
  CreditNoteLine l;
  l.amount_minor = 1000;
  n.lines.push_back(l);
  const std::string form = CanonicalCreditNote(n);
  EXPECT_TRUE(form.starts_with("accrue.credit_note.v1\n"));
  EXPECT_NE(form.find("number=CN-2026-000001\n"), std::string::npos);
  CreditNote edited = n;
  edited.lines[0].amount_minor = 900;
  EXPECT_NE(CanonicalCreditNote(edited), form);
}

TEST(DocumentChainTest, LinksChainEachHashToThePreviousOne) {
  const TenantId tenant(U("0190a000-0000-7000-8000-0000000000aa"));
  ChainBuilder chain(tenant, std::nullopt);
  const ChainLink first =
      chain.Add(ChainedDocumentKind::kInvoice, U("0190a000-0000-7000-8000-000000000001"), "a");
  const ChainLink second =
      chain.Add(ChainedDocumentKind::kCreditNote, U("0190a000-0000-7000-8000-000000000002"), "b");
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(first.hash, Sha256(GenesisHash() + Sha256("a")));
  EXPECT_EQ(second.hash, Sha256(first.hash + Sha256("b")));
  EXPECT_EQ(first.hash.size(), kChainHashSize);
  // The same documents after another head hash differently: the order is part of the proof.
  ChainBuilder later(tenant, second);
  const ChainLink third =
      later.Add(ChainedDocumentKind::kInvoice, U("0190a000-0000-7000-8000-000000000001"), "a");
  EXPECT_EQ(third.seq, 3);
  EXPECT_NE(third.hash, first.hash);
  EXPECT_EQ(later.links().size(), 1u);
  // A known answer, so the algorithm cannot change silently (documents issued under it must
  // keep verifying): SHA-256(32 zero bytes ‖ SHA-256("a")).
  EXPECT_EQ(HexEncode(ChainHash(GenesisHash(), "a")),
            "8c374a53782642f7514d087d26a3e733f1b806009a03e04a43b288ef2fa9f9c0");
}

TEST(DocumentChainTest, KindNamesRoundTrip) {
  for (auto kind : {ChainedDocumentKind::kInvoice, ChainedDocumentKind::kCreditNote}) {
    EXPECT_EQ(ParseChainedDocumentKind(ChainedDocumentKindName(kind)).value(), kind);
  }
  EXPECT_FALSE(ParseChainedDocumentKind("receipt").ok());
}

}  // namespace
}  // namespace accrue
