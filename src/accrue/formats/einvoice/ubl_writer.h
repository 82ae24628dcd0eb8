// WriteUbl: an EInvoiceDocument as an OASIS UBL 2.1 Invoice (type 380) or CreditNote (381),
// following the EN 16931 UBL syntax binding and, for Profile::kPeppolBis3, Peppol BIS Billing
// 3.0 (CustomizationID and ProfileID of the profile).
//
// The rule checks (rules.h) run first; a violation is returned as the error and nothing is
// written. The output is UTF-8 XML that validates against the UBL 2.1 schemas
// (maindoc/UBL-Invoice-2.1.xsd, UBL-CreditNote-2.1.xsd); tests check that for every scenario.
//
// Binding choices worth knowing: the seller's tax registration id (BT-32) is a PartyTaxScheme
// with TaxScheme "FC"; the SEPA creditor id (BT-90) is a seller PartyIdentification with
// schemeID "SEPA" (as Peppol binds it); a credit note's due date (BT-9) goes to
// PaymentMeans/PaymentDueDate, because UBL 2.1 CreditNote has no DueDate, so a credit note
// with a due date needs payment means ("einvoice.ubl.credit_note_due_date").
//
// Pure function; thread-safe.
#pragma once

#include <string>

#include "accrue/base/status.h"
#include "accrue/formats/einvoice/document.h"
#include "accrue/formats/einvoice/profile.h"

namespace accrue::einvoice {

Result<std::string> WriteUbl(const EInvoiceDocument& doc, Profile profile);

}  // namespace accrue::einvoice
