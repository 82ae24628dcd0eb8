// RenderPdf: an invoice or credit note (EInvoiceDocument, formats/einvoice/document.h) as a
// printable A4 PDF, drawn natively with Cairo and Pango (no browser, no HTML).
//
// The PDF shows: the title ("Invoice" / "Credit note", localized, or PdfOptions::title), the
// logo, seller and buyer with addresses and tax ids, number, issue and due date, service period
// and references (the corrected invoice for a credit note), the lines (quantity, unit price,
// VAT rate, amount, with their periods, notes and line discounts/charges), document-level
// discounts and charges, the VAT breakdown per category and rate, the totals BT-106..BT-115,
// payment instructions (account holder, IBAN, BIC, the remittance reference BT-83; an ISO 11649
// RF reference is printed in groups of four) with an EPC payment QR code when the transfer is in
// EUR to an IBAN and something is due, the notes and payment terms, and on every page the footer
// text and "page / pages". Lines that do not fit continue on the next page under a repeated
// table header. Numbers, amounts and dates are formatted with ICU for PdfOptions::locale
// (localization.h); amounts go from their exact decimal text to ICU, never through a double.
// See docs/pdf.md.
//
// The document is drawn as given: RenderPdf does not run the EN 16931 checks (rules.h) and does
// not recompute totals; the app layer maps a finalized invoice, whose totals were checked when
// it was built and loaded.
//
// Thread-safety: RenderPdf may run on many threads at once. Each thread keeps its own Pango font
// map, ICU formatters and recently shaped texts for its lifetime (made on its first call, a few
// milliseconds), so a pool of long-lived worker threads renders fastest.
#pragma once

#include <optional>
#include <string>

#include "accrue/base/status.h"
#include "accrue/formats/einvoice/document.h"
#include "accrue/formats/pdf/epc_qr.h"

namespace accrue::pdf {

struct PdfOptions {
  // BCP 47 locale for numbers, amounts, dates, country names and labels; labels exist for
  // English, German, French and Japanese (others get English labels, ICU formats).
  std::string locale = "en-GB";
  std::string accent_colour = "#1F4E79";  // "#RRGGBB": title, table header, amount due
  std::string footer;                     // printed at the bottom of every page
  std::string logo_png;                   // PNG bytes; empty: no logo
  bool show_tax_ids = true;               // VAT ids, tax number, registration
  bool show_periods = true;               // service period of the document and of each line
  bool show_payment_qr = true;            // EPC QR code (only when EpcTransferFor gives one)
  bool show_notes = true;                 // document notes (BT-22) and line notes (BT-127)
  std::string title;                      // replaces the localized "Invoice" / "Credit note"
};

// Errors (InvalidArgument, with the option as param): "pdf.invalid_locale" ("locale"),
// "pdf.invalid_accent_colour" ("accent_colour"), "pdf.invalid_logo" ("logo_png": not a PNG,
// undecodable, over 2 MiB or 4096 pixels a side), "pdf.missing_currency" ("currency").
// LimitExceeded "pdf.too_many_lines" ("lines", over einvoice::kLinesMax) and
// "pdf.too_many_vat_rows" ("vat_breakdown", over kVatRowsMax). InternalError "pdf.cairo" when
// Cairo fails to write.
Result<std::string> RenderPdf(const einvoice::EInvoiceDocument& doc, const PdfOptions& options);

inline constexpr size_t kVatRowsMax = 20;

// The credit transfer the EPC QR code asks for: an invoice (never a credit note), currency EUR,
// payment means that are not a direct debit (UNTDID 4461 codes 49 and 59) with an account id,
// and an amount due (BT-115) above zero. The remittance is BT-83, else the document number. The
// beneficiary is the account name (BT-85), else the seller's name. Whether the payload can be built
// (IBAN check, amount limit) is EpcQrPayload's decision.
std::optional<EpcCreditTransfer> EpcTransferFor(const einvoice::EInvoiceDocument& doc);

}  // namespace accrue::pdf
