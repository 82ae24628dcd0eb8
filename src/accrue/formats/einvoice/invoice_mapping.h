// From Accrue's documents to the EN 16931 model (document.h): a finalized invoice or a credit
// note, the tenant's seller profile and the buyer as frozen at issue become an EInvoiceDocument,
// which the UBL and CII writers and the PDF renderer all take. One mapping, so the PDF a person
// reads and the XML an accounts-payable system reads always say the same thing.
//
// VAT: Accrue's invoices do not yet carry a per-line VAT determination (tax on drafts is not
// wired). So:
//  * a seller with no VAT id whose invoice has no tax maps to category O "not subject to VAT"
//    (VATEX-EU-O), one breakdown row, no VAT ids on the document (BR-O-02);
//  * any other invoice maps with no category decided (`vat_determined` false): the PDF can show
//    it, but the e-invoice endpoints refuse it ("einvoice.tax_undetermined") rather than emit a
//    document whose VAT is made up.
//
// Amounts are rendered as issued: what was paid or credited later is not subtracted (BT-113 is
// absent, BT-115 = total); payments and credit notes are documents of their own.
//
// Pure; thread-safe.
#pragma once

#include "absl/time/time.h"
#include "accrue/domain/credit_note.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/seller_profile.h"
#include "accrue/formats/einvoice/document.h"

namespace accrue::einvoice {

struct MappedDocument {
  EInvoiceDocument document;
  bool vat_determined = false;  // every line has a VAT category (and rate where one applies)
};

// `buyer_zone`: the customer's time zone, in which service periods become calendar days.
// `tenant_name` stands in for an empty legal name. The invoice must be finalized
// (WrongState "einvoice.not_finalized" otherwise).
Result<MappedDocument> MapInvoice(const Invoice& invoice, const SellerProfile& seller,
                                  std::string_view tenant_name, absl::TimeZone buyer_zone);

// A credit note: type 381, positive amounts, the invoice it corrects as BG-3 (with its issue
// date), the invoice's buyer, no payment instructions.
Result<MappedDocument> MapCreditNote(const CreditNote& note, const Invoice& invoice,
                                     const SellerProfile& seller, std::string_view tenant_name,
                                     absl::TimeZone buyer_zone);

// The ISO 11649 creditor reference Accrue prints for an invoice number: "RF" + check digits +
// the number's letters and digits (at most 21; longer numbers keep their last 21).
std::string CreditorReferenceFor(std::string_view invoice_number);

}  // namespace accrue::einvoice
