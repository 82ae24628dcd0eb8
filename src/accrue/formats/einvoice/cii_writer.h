// WriteCii: an EInvoiceDocument as a UN/CEFACT Cross Industry Invoice (CII D16B), following
// the EN 16931 CII syntax binding. The profile's identifiers go into the document context:
// "urn:cen.eu:en16931:2017" for plain EN 16931, which is also the Factur-X / ZUGFeRD EN16931
// (COMFORT) profile; the XRechnung 3.0 and Peppol BIS 3.0 ids for those profiles. This XML is
// what a Factur-X PDF/A-3 embeds as factur-x.xml (the PDF side is not this module's job).
//
// The rule checks (rules.h) run first; a violation is returned and nothing is written. The
// output validates against CrossIndustryInvoice_100pD16B.xsd; tests check that for every
// scenario. Credit notes are TypeCode 381 with positive amounts, as in UBL.
//
// Binding choices: the seller's VAT id and tax number are SpecifiedTaxRegistration with
// schemeID "VA" and "FC"; the SEPA creditor id (BT-90) is CreditorReferenceID; the mandate
// (BT-89) is in the payment terms, as CII binds it.
//
// Pure function; thread-safe.
#pragma once

#include <string>

#include "accrue/base/status.h"
#include "accrue/formats/einvoice/document.h"
#include "accrue/formats/einvoice/profile.h"

namespace accrue::einvoice {

Result<std::string> WriteCii(const EInvoiceDocument& doc, Profile profile);

}  // namespace accrue::einvoice
