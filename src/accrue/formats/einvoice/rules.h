// EN 16931 business rules, checked before any e-invoice is emitted.
//
// FindViolations runs the rules of EN 16931-1 as published in the CEN/TC 434 validation
// artefacts (BR-01..BR-65, BR-CO-*, BR-DEC-*, and the per-VAT-category rules BR-S-*, BR-Z-*,
// BR-E-*, BR-AE-*, BR-IC-* (category K), BR-G-*, BR-O-*, BR-IG-* (L), BR-IP-* (M)) on an
// EInvoiceDocument, plus the rules of the chosen Profile (PEPPOL-EN16931-R*, PEPPOL-COMMON-R*
// for Peppol BIS 3.0; BR-DE-* for XRechnung 3.0). The writers call CheckDocument and emit
// nothing when it fails, so a document Accrue sends has passed them all. docs/einvoice.md lists
// the rules implemented and the ones that are not (code-list rules beyond syntax, rules about
// business terms the model does not carry).
//
// A violation names its rule: the Status reason is "einvoice.<rule id>" (e.g.
// "einvoice.BR-CO-15"), the param is the model field ("totals.tax_inclusive",
// "lines[2].vat_rate") and the message quotes the rule text followed by what was found.
// Calculation rules follow the artefacts' arithmetic exactly: BR-CO-10..16 compare amounts to
// the cent; BR-CO-17 / BR-S-09 accept a VAT amount within strictly less than one currency unit
// of round-half-up(|taxable| × rate / 100, 2), as the artefacts do, so documents whose VAT was
// rounded per line still pass.
//
// Before the rules run, the document's shape is checked (currency of every amount, UTF-8 and
// XML-legal text, the limits in document.h); those errors have reasons
// "einvoice.currency_mismatch", "einvoice.invalid_text", "einvoice.too_many_lines", ....
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/formats/einvoice/document.h"
#include "accrue/formats/einvoice/profile.h"

namespace accrue::einvoice {

struct RuleViolation {
  std::string rule;     // "BR-CO-15", "PEPPOL-EN16931-R010", "currency_mismatch"
  std::string param;    // the model field: "totals.tax_inclusive", "lines[2].vat_rate"
  std::string message;  // "[BR-CO-15]-<rule text> Found: ..."
};

// Every violation, in rule order (shape errors first; when the shape is wrong no rule runs,
// because the rules assume one currency).
std::vector<RuleViolation> FindViolations(const EInvoiceDocument& doc, Profile profile);

// OK, or InvalidArgument with reason "einvoice.<rule>" for the first violation (its message
// says how many more there are).
Status CheckDocument(const EInvoiceDocument& doc, Profile profile);

}  // namespace accrue::einvoice
