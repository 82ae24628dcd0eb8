// SellerProfile: who the tenant is on its documents — the seller block of every invoice and
// credit note (EN 16931 BG-4), where to pay (BG-16), and how its PDFs look.
//
// Kept apart from TenantSettings because it is read only when a document is rendered, never on
// the billing path, and because it changes (a new address) without touching how invoices are
// numbered or dated. A finalized invoice freezes the buyer as it was; the seller block is
// rendered from the current profile.
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/customer.h"

namespace accrue {

struct SellerProfile {
  std::string legal_name;             // BT-27; empty: the tenant's name
  std::string trading_name;           // BT-28
  PostalAddress address;              // BG-5; country required for e-invoices
  std::string vat_id;                 // BT-31, normalised ("DE123456789"); empty: not registered
  std::string tax_registration_id;    // BT-32, the local tax number
  std::string legal_registration_id;  // BT-30 (e.g. "HRB 123456")
  std::string email;                  // BT-43, and the electronic address when none is set
  std::string phone;                  // BT-42
  std::string electronic_address;     // BT-34 (Peppol participant id)
  std::string electronic_address_scheme;  // BT-34-1, EAS ("0088", "9930", "EM")
  std::string iban;                       // BT-84, normalised (no spaces, upper case)
  std::string bic;                        // BT-86
  std::string account_name;               // BT-85; empty: the legal name
  std::string payment_terms;              // BT-20 free text
  // Presentation of the PDF.
  std::string pdf_locale = "en-GB";
  std::string accent_colour = "#1F4E79";
  std::string footer;
};

inline constexpr size_t kSellerTextLengthMax = 200;
inline constexpr size_t kSellerFooterLengthMax = 1000;

// Every text field of the profile by its API name ("legal_name", "address.city", "iban", ...),
// in the order the API renders them. Storage names its columns after them ('.' becomes '_').
const std::vector<std::string_view>& SellerProfileFieldNames();
// The field named `name` (one of SellerProfileFieldNames(); another name is a bug and aborts).
std::string& SellerProfileField(SellerProfile& profile, std::string_view name);
const std::string& SellerProfileField(const SellerProfile& profile, std::string_view name);

// Normalises and validates in place; errors name the field ("vat_id", "address.country", "iban",
// "bic", "email", "accent_colour", "pdf_locale", "electronic_address_scheme").
Status NormalizeSellerProfile(SellerProfile& profile);

}  // namespace accrue
