// VAT categories (UNCL5305 codes as used by EN 16931) and exemption reasons (VATEX codes).
//
// Every amount on an invoice falls in exactly one category: standard rate (S), a reduced rate
// (AA), zero-rated (Z), exempt (E), reverse charge (AE), intra-Community supply of goods (K),
// export outside the EU (G), or not subject to VAT (O). Only S and AA carry a positive rate;
// all others are 0 %. Every category but S, AA and Z must state a reason on the invoice: the
// VATEX code and text of its TaxExemption.
//
// EN 16931 has no AA: a reduced rate is written as S with that percentage (the BR-S rules
// apply to every S rate). En16931Code says what to put in BT-118/BT-151; AA is kept in our
// model because the tax rules and reports need to know which rates are reduced.
//
// Value types and pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue::tax {

enum class TaxCategory {
  kStandard,        // S
  kReduced,         // AA
  kZero,            // Z
  kExempt,          // E
  kReverseCharge,   // AE
  kIntraCommunity,  // K
  kExport,          // G
  kOutsideScope,    // O
};

// "S", "AA", "Z", "E", "AE", "K", "G", "O".
std::string_view TaxCategoryCode(TaxCategory category);
// Inverse of TaxCategoryCode (exact match). Error: InvalidArgument "tax.category_unknown".
Result<TaxCategory> ParseTaxCategory(std::string_view code);
// The code EN 16931 allows in BT-118/BT-151: AA is written as "S".
std::string_view En16931Code(TaxCategory category);
// Whether the category charges VAT at a positive rate (S, AA).
bool ChargesVat(TaxCategory category);
// Whether the invoice must carry an exemption reason for it (E, AE, K, G, O).
bool NeedsExemptionReason(TaxCategory category);

// Why no VAT is charged: a VATEX code (BT-121, CEF VATEX code list) and its text (BT-120).
// At least one of the two is required where NeedsExemptionReason; the rules fill in both.
struct TaxExemption {
  std::string code;  // "VATEX-EU-AE", "VATEX-EU-132-1I", ... or "" when only text is given
  std::string text;  // "Reverse charge", "Exempt based on article 132, section 1 (i) ..."
  friend bool operator==(const TaxExemption&, const TaxExemption&) = default;
};

inline constexpr std::size_t kExemptionCodeLengthMax = 32;
inline constexpr std::size_t kExemptionTextLengthMax = 300;

// The standard reasons the rules attach (codes and texts from the CEF VATEX code list).
TaxExemption ReverseChargeExemption();   // VATEX-EU-AE  "Reverse charge"
TaxExemption IntraCommunityExemption();  // VATEX-EU-IC  "Intra-Community supply"
TaxExemption ExportExemption();          // VATEX-EU-G   "Export outside the EU"
TaxExemption OutsideScopeExemption();    // VATEX-EU-O   "Not subject to VAT"

// A caller-supplied exemption: a code that starts with "VATEX-" and/or a text, within limits.
// Errors (InvalidArgument, empty param): "tax.exemption.missing", "tax.exemption.bad_code",
// "tax.exemption.too_long".
Status ValidateExemption(const TaxExemption& exemption);

}  // namespace accrue::tax
