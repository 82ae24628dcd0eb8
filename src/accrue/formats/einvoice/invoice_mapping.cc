#include "accrue/formats/einvoice/invoice_mapping.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "accrue/base/strings.h"
#include "accrue/domain/banking/creditor_reference.h"

namespace accrue::einvoice {
namespace {

Address MapAddress(const PostalAddress& a) {
  return Address{a.line1, a.line2, a.city, a.postal_code, a.region, a.country};
}

// The buyer's VAT id from its tax ids: the first of an EU VAT type ("eu_vat", "vat", ...).
std::string BuyerVatId(const BuyerSnapshot& buyer) {
  for (const TaxIdentifier& t : buyer.tax_ids) {
    if (absl::StrContains(absl::AsciiStrToLower(t.type), "vat")) return t.value;
  }
  return "";
}

Party SellerParty(const SellerProfile& s, std::string_view tenant_name) {
  Party p;
  p.name = s.legal_name.empty() ? std::string(tenant_name) : s.legal_name;
  p.trading_name = s.trading_name;
  p.legal_registration = {s.legal_registration_id, ""};
  p.vat_id = s.vat_id;
  p.tax_registration_id = s.tax_registration_id;
  if (!s.electronic_address.empty()) {
    p.electronic_address = {s.electronic_address, s.electronic_address_scheme};
  } else if (!s.email.empty()) {
    p.electronic_address = {s.email, "EM"};
  }
  p.address = MapAddress(s.address);
  if (!s.email.empty() || !s.phone.empty()) p.contact = Contact{"", s.phone, s.email};
  return p;
}

Party BuyerParty(const BuyerSnapshot& b) {
  Party p;
  p.name = b.name;
  p.vat_id = BuyerVatId(b);
  if (!b.email.empty()) {
    p.electronic_address = {b.email, "EM"};
    p.contact = Contact{"", "", b.email};
  }
  p.address = MapAddress(b.address);
  return p;
}

// An exclusive end instant as the inclusive last calendar day in `zone`.
absl::CivilDay LastDay(absl::Time end, absl::TimeZone zone) {
  return absl::ToCivilDay(end - absl::Nanoseconds(1), zone);
}

std::optional<Period> MapPeriod(const std::optional<absl::Time>& start,
                                const std::optional<absl::Time>& end, absl::TimeZone zone) {
  if (!start.has_value() && !end.has_value()) return std::nullopt;
  Period p;
  if (start.has_value()) p.start = absl::ToCivilDay(*start, zone);
  if (end.has_value()) p.end = LastDay(*end, zone);
  return p;
}

// Quantity and net price such that quantity × price = amount, as EN 16931 readers recompute
// (Peppol R120): the line's own when they multiply out to its amount; otherwise (tiered usage,
// minimums) one unit at the amount, with the measured quantity in the line note. A negative
// amount carries its sign on the quantity: BR-27 forbids a negative price.
void PriceLine(Line& out, const InvoiceLine& line, Currency currency) {
  const Decimal amount = Decimal::FromMinor(line.amount_minor, currency.exponent());
  Result<Decimal> product = Decimal::Mul(line.quantity, line.unit_price, RoundingMode::kHalfUp);
  const bool multiplies_out =
      product.ok() && product->Rounded(currency.exponent(), RoundingMode::kHalfUp) == amount &&
      !line.quantity.IsZero();
  Decimal quantity = multiplies_out ? line.quantity : Decimal::FromInt(1);
  Decimal price = multiplies_out ? line.unit_price : amount;
  if (!multiplies_out && !line.quantity.IsZero()) {
    out.note = fmt::format("Quantity {}", line.quantity.ToString());
  }
  if (price.Sign() < 0) {
    price = price.Negated();
    quantity = quantity.Negated();
  }
  out.quantity = quantity;
  out.net_price = price;
}

// Seller not VAT-registered and nothing taxed: category O on every line and one breakdown row.
bool NotSubjectToVat(const SellerProfile& seller, int64_t tax_minor) {
  return seller.vat_id.empty() && tax_minor == 0;
}

void ApplyNotSubject(EInvoiceDocument& doc, Money taxable) {
  for (Line& l : doc.lines) {
    l.vat_category = VatCategory::kNotSubject;
    l.vat_rate.reset();
  }
  doc.buyer.vat_id.clear();  // BR-O-02
  VatBreakdown row;
  row.category = VatCategory::kNotSubject;
  row.taxable_amount = taxable;
  row.tax_amount = Money::FromMinor(0, taxable.currency());
  row.exemption_reason = "Not subject to VAT";
  row.exemption_reason_code = "VATEX-EU-O";
  doc.vat_breakdown.push_back(row);
}

void SetTotals(EInvoiceDocument& doc, Currency c, int64_t subtotal, int64_t tax, int64_t total) {
  doc.totals.line_net_sum = Money::FromMinor(subtotal, c);
  doc.totals.tax_exclusive = Money::FromMinor(subtotal, c);
  doc.totals.tax_amount = Money::FromMinor(tax, c);
  doc.totals.tax_inclusive = Money::FromMinor(total, c);
  doc.totals.payable = Money::FromMinor(total, c);
}

}  // namespace

std::string CreditorReferenceFor(std::string_view invoice_number) {
  std::string part;
  for (char c : invoice_number) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      part += absl::ascii_toupper(static_cast<unsigned char>(c));
    }
  }
  if (part.size() > banking::kRfCreditorPartLengthMax) {
    part = part.substr(part.size() - banking::kRfCreditorPartLengthMax);
  }
  Result<std::string> rf = banking::MakeRf(part);
  return rf.ok() ? *rf : "";
}

Result<MappedDocument> MapInvoice(const Invoice& inv, const SellerProfile& seller,
                                  std::string_view tenant_name, absl::TimeZone buyer_zone) {
  if (!inv.number.has_value() || inv.status == InvoiceStatus::kDraft) {
    return WrongState("einvoice.not_finalized", "a draft is not a document yet: finalize it first");
  }
  MappedDocument out;
  EInvoiceDocument& doc = out.document;
  const Currency c = inv.currency;
  doc.type = DocumentType::kInvoice;
  doc.number = *inv.number;
  doc.issue_date = inv.issue_date;
  doc.due_date = inv.due_date;
  doc.currency = c;
  if (!inv.description.empty()) doc.notes.push_back(inv.description);
  // Metadata a tenant sets for its buyers' accounts-payable (Peppol wants one of the two).
  for (const auto& [key, value] : inv.metadata) {
    if (key == "buyer_reference") doc.buyer_reference = value;
    if (key == "purchase_order") doc.order_reference = value;
  }
  doc.invoice_period = MapPeriod(inv.period_start, inv.period_end, buyer_zone);
  doc.seller = SellerParty(seller, tenant_name);
  doc.buyer = BuyerParty(inv.buyer);
  if (!seller.iban.empty()) {
    PaymentMeans pm;
    pm.type_code = c.code() == "EUR" ? "58" : "30";  // SEPA credit transfer / credit transfer
    pm.payment_id = CreditorReferenceFor(doc.number);
    pm.account_id = seller.iban;
    pm.account_name = seller.account_name.empty() ? doc.seller.name : seller.account_name;
    pm.bic = seller.bic;
    doc.payment_means = pm;
  }
  doc.payment_terms = !seller.payment_terms.empty()
                          ? seller.payment_terms
                          : fmt::format("Payment within {} days", inv.net_terms_days);
  doc.lines.reserve(inv.lines.size());
  for (size_t i = 0; i < inv.lines.size(); ++i) {
    const InvoiceLine& src = inv.lines[i];
    Line l;
    l.id = std::to_string(i + 1);
    l.unit_code = "C62";  // one (unit)
    l.net_amount = Money::FromMinor(src.amount_minor, c);
    l.period = MapPeriod(src.period_start, src.period_end, buyer_zone);
    l.item_name = src.description.empty() ? "Item" : src.description;
    PriceLine(l, src, c);
    doc.lines.push_back(std::move(l));
  }
  SetTotals(doc, c, inv.subtotal_minor, inv.tax_minor, inv.total_minor);
  if (NotSubjectToVat(seller, inv.tax_minor)) {
    ApplyNotSubject(doc, Money::FromMinor(inv.subtotal_minor, c));
    out.vat_determined = true;
  }
  return out;
}

Result<MappedDocument> MapCreditNote(const CreditNote& note, const Invoice& inv,
                                     const SellerProfile& seller, std::string_view tenant_name,
                                     absl::TimeZone buyer_zone) {
  MappedDocument out;
  EInvoiceDocument& doc = out.document;
  const Currency c = note.currency;
  doc.type = DocumentType::kCreditNote;
  doc.number = note.number;
  doc.issue_date = note.issue_date;
  doc.currency = c;
  doc.notes.push_back(note.memo.empty()
                          ? fmt::format("Credit note for invoice {} ({})", inv.number.value_or(""),
                                        CreditNoteReasonName(note.reason))
                          : note.memo);
  doc.preceding_invoices.push_back({inv.number.value_or(""), inv.issue_date});
  // BT-20 says where the credited amount went (BR-CO-25 wants terms for a positive amount).
  if (note.refunded) {
    doc.payment_terms = "Refunded to the original payment";
  } else if (note.returned_minor > 0) {
    doc.payment_terms = "Held as credit for future invoices";
  } else {
    doc.payment_terms =
        fmt::format("Deducted from the amount due of invoice {}", inv.number.value_or(""));
  }
  doc.seller = SellerParty(seller, tenant_name);
  doc.buyer = BuyerParty(inv.buyer);
  for (size_t i = 0; i < note.lines.size(); ++i) {
    const CreditNoteLine& src = note.lines[i];
    Line l;
    l.id = std::to_string(i + 1);
    l.unit_code = "C62";
    l.net_amount = Money::FromMinor(src.amount_minor, c);
    l.item_name = src.description.empty() ? "Item" : src.description;
    const Decimal amount = Decimal::FromMinor(src.amount_minor, c.exponent());
    l.quantity = Decimal::FromInt(amount.Sign() < 0 ? -1 : 1);
    l.net_price = amount.Abs();
    if (const InvoiceLine* line = FindLine(inv, src.invoice_line_id); line != nullptr) {
      l.period = MapPeriod(line->period_start, line->period_end, buyer_zone);
    }
    doc.lines.push_back(std::move(l));
  }
  SetTotals(doc, c, note.subtotal_minor, note.tax_minor, note.total_minor);
  if (NotSubjectToVat(seller, note.tax_minor)) {
    ApplyNotSubject(doc, Money::FromMinor(note.subtotal_minor, c));
    out.vat_determined = true;
  }
  return out;
}

}  // namespace accrue::einvoice
