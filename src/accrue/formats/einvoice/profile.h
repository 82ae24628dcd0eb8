// Profile: which EN 16931 specification a document claims to follow, and the identifiers
// that say so in the XML (BT-24 specification identifier, BT-23 business process).
//
// A profile is independent of the syntax: every profile can be written as UBL 2.1 or as
// UN/CEFACT CII D16B. The profile also selects the extra rules checked on top of EN 16931
// (rules.h): Peppol BIS Billing 3.0 adds the PEPPOL-EN16931-* rules, XRechnung 3.0 the BR-DE-*
// rules. Value type; thread-safe.
#pragma once

#include <string_view>

namespace accrue::einvoice {

enum class Profile {
  // Plain EN 16931 (the CEN core invoice). This is also the Factur-X / ZUGFeRD 2 "EN 16931"
  // (COMFORT) profile, whose guideline identifier is exactly the EN 16931 one.
  kEn16931,
  // Peppol BIS Billing 3.0 (a CIUS of EN 16931), the profile of the Peppol network.
  kPeppolBis3,
  // XRechnung 3.0 (the German CIUS, KoSIT), mandatory for German public buyers.
  kXRechnung3,
};

// BT-24 CustomizationID (UBL) / GuidelineSpecifiedDocumentContextParameter (CII).
inline constexpr std::string_view kEn16931SpecificationId = "urn:cen.eu:en16931:2017";
inline constexpr std::string_view kPeppolSpecificationId =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
inline constexpr std::string_view kXRechnung3SpecificationId =
    "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
// BT-23 ProfileID (UBL) / BusinessProcessSpecifiedDocumentContextParameter (CII): Peppol
// process P1 "billing", also what XRechnung 3.0 recommends.
inline constexpr std::string_view kPeppolBillingProcessId =
    "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

std::string_view SpecificationId(Profile profile);
// Empty when the profile sends no business process (plain EN 16931 / Factur-X).
std::string_view BusinessProcessId(Profile profile);
// "en16931", "peppol", "xrechnung": for messages and configuration.
std::string_view ProfileName(Profile profile);

}  // namespace accrue::einvoice
