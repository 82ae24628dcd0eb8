// XRechnung 3.0 (the German CIUS) rules BR-DE-* that concern the model. XRechnung 3.0 also
// makes the Seller and Buyer electronic addresses (BT-34, BT-49) mandatory; they are reported
// with the Peppol rule ids that say the same (PEPPOL-EN16931-R020 / R010). BR-DE-19 is a
// warning in the KoSIT schematron; Accrue refuses a wrong IBAN outright, because a payment to
// it would fail.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "accrue/domain/banking/iban.h"
#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

bool UsesVatCategoryNeedingSellerId(const EInvoiceDocument& doc) {
  auto needs = [](VatCategory c) { return c != VatCategory::kNotSubject; };
  for (const Line& line : doc.lines) {
    if (needs(line.vat_category)) return true;
  }
  for (const AllowanceCharge& ac : doc.allowances_charges) {
    if (needs(ac.vat_category)) return true;
  }
  for (const VatBreakdown& b : doc.vat_breakdown) {
    if (needs(b.category)) return true;
  }
  return false;
}

}  // namespace

void CheckXRechnung(const EInvoiceDocument& doc, Findings& out) {
  if (!doc.payment_means) out.Add("BR-DE-1", "payment_means");
  if (!doc.seller.contact) {
    out.Add("BR-DE-2", "seller.contact");
  } else {
    if (IsBlank(doc.seller.contact->name)) out.Add("BR-DE-5", "seller.contact.name");
    if (IsBlank(doc.seller.contact->telephone)) out.Add("BR-DE-6", "seller.contact.telephone");
    if (IsBlank(doc.seller.contact->email)) out.Add("BR-DE-7", "seller.contact.email");
  }
  if (IsBlank(doc.seller.address.city)) out.Add("BR-DE-3", "seller.address.city");
  if (IsBlank(doc.seller.address.postal_code)) out.Add("BR-DE-4", "seller.address.postal_code");
  if (IsBlank(doc.buyer.address.city)) out.Add("BR-DE-8", "buyer.address.city");
  if (IsBlank(doc.buyer.address.postal_code)) out.Add("BR-DE-9", "buyer.address.postal_code");
  if (IsBlank(doc.buyer_reference)) out.Add("BR-DE-15", "buyer_reference");
  if (UsesVatCategoryNeedingSellerId(doc) && IsBlank(doc.seller.vat_id) &&
      IsBlank(doc.seller.tax_registration_id)) {
    out.Add("BR-DE-16", "seller.vat_id");
  }
  if (doc.payment_means && doc.payment_means->type_code == "58" &&
      !IsBlank(doc.payment_means->account_id) &&
      !banking::IsValidIban(doc.payment_means->account_id)) {
    out.Add("BR-DE-19", "payment_means.account_id",
            fmt::format("\"{}\"", doc.payment_means->account_id));
  }
  if (IsBlank(doc.seller.electronic_address.id)) {
    out.Add("PEPPOL-EN16931-R020", "seller.electronic_address.id");
  }
  if (IsBlank(doc.buyer.electronic_address.id)) {
    out.Add("PEPPOL-EN16931-R010", "buyer.electronic_address.id");
  }
}

}  // namespace accrue::einvoice::internal
