// EU VAT identification numbers: syntax and check-digit validation, offline.
//
// A VAT id is a two-letter prefix followed by the national number: "DE123456789",
// "ATU13585627", "EL094501040" (Greece uses EL, not its ISO code GR). ParseVatId accepts what
// people type — spaces, '-', '.', '/', ':' and lower case are removed or folded — and returns
// the compact form. It checks the national syntax of each of the 27 member states and, where
// the algorithm is public, the check digits (all 27 have one; see docs/tax.md for the few
// variants checked by syntax only). Passing here means "well formed", not "registered": whether
// the number is live is a question for VIES, which needs I/O and lives outside the domain.
//
// Errors are InvalidArgument with an empty param (the caller adds the field, e.g.
// "customer.vat_id"), and one of three reasons:
//   tax.vat_id.unknown_country  the prefix is not an EU member state (GB, XI, CH, "1X", ...)
//   tax.vat_id.bad_format       wrong length, wrong characters, or an impossible component
//   tax.vat_id.bad_checksum     well formed, but the check digits do not match
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue::tax {

// Longer input is rejected before it is looked at (the longest valid id, with separators, is
// well under this).
inline constexpr std::size_t kVatIdTextLengthMax = 40;

struct VatId {
  std::string prefix;  // "DE", "EL", ... as written in the id
  std::string number;  // the national part, compact: "123456789", "U13585627"
  // The ISO 3166-1 alpha-2 country of the prefix: "GR" for "EL", otherwise the prefix.
  std::string Country() const;
  // prefix + number: "DE123456789".
  std::string ToString() const { return prefix + number; }
  friend bool operator==(const VatId&, const VatId&) = default;
};

// Parses and validates `text`. "GR..." is accepted and normalised to "EL...".
Result<VatId> ParseVatId(std::string_view text);

// The VAT id prefix of an EU member state's ISO code ("GR" -> "EL"), or "" for a non-member.
std::string_view VatPrefixOfCountry(std::string_view iso_country);

}  // namespace accrue::tax
