// An issued invoice or credit note rendered as a file: PDF (formats/pdf), UBL 2.1 or CII D16B
// (formats/einvoice), from one mapping (formats/einvoice/invoice_mapping.h). Shared by the API
// (GET /v1/invoices/{id}/pdf|ubl|cii, GET /v1/credit_notes/{id}/pdf|ubl|cii) and the CLI
// (`accrue invoices render`), so both hand out the same bytes.
#pragma once

#include <optional>
#include <string>

#include "accrue/app/services.h"
#include "accrue/domain/ids.h"
#include "accrue/formats/einvoice/profile.h"

namespace accrue::api {

enum class DocumentFormat { kPdf, kUbl, kCii };
// "pdf", "ubl", "cii"; InvalidArgument "parameter.invalid" on `param` otherwise.
Result<DocumentFormat> ParseDocumentFormat(std::string_view text, std::string_view param);
// "en16931" (also absent), "peppol", "xrechnung"; InvalidArgument on `param` otherwise.
Result<einvoice::Profile> ParseEInvoiceProfile(const std::optional<std::string>& text,
                                               std::string_view param);

struct RenderRequest {
  DocumentFormat format = DocumentFormat::kPdf;
  einvoice::Profile profile = einvoice::Profile::kEn16931;  // UBL and CII only
  std::optional<std::string> locale;                        // PDF only; else the seller's
};

struct RenderedDocument {
  std::string body;
  std::string content_type;  // "application/pdf", "application/xml"
  std::string filename;      // "INV-2026-000001.pdf"
};

// Errors: NotFound for an unknown id (param "id"); WrongState "einvoice.not_finalized" for a
// draft; FailedPrecondition "einvoice.tax_undetermined" for UBL/CII of an invoice whose VAT
// is not decided (see invoice_mapping.h); "einvoice.<rule>" when the document breaks an EN 16931
// rule of the profile (the rule text names what to fix, e.g. the seller's missing address).
Result<RenderedDocument> RenderInvoiceFile(const Services& services, const Actor& actor,
                                           InvoiceId id, const RenderRequest& request);
Result<RenderedDocument> RenderCreditNoteFile(const Services& services, const Actor& actor,
                                              CreditNoteId id, const RenderRequest& request);

}  // namespace accrue::api
