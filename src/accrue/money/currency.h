// Currency: an ISO 4217 currency that amounts can be billed in.
//
// The set of currencies and their exponents (number of minor-unit digits: EUR 2, JPY 0, KWD 3,
// CLF 4) is compiled in from the official ISO 4217 list one (data/currency/, turned into
// iso4217_table.inc by scripts/gen_currency_table.py). Exponents deliberately come from ISO and
// not from ICU/CLDR, whose "default fraction digits" differ for about 13 codes (IQD is 3 in
// ISO, 0 in CLDR); see docs/decisions/0002-money.md. Codes that ISO lists with minor unit
// "N.A." (gold XAU, SDR XDR, test code XTS, ...) are known but not billable, so Find rejects
// them and All() leaves them out.
//
// Lifecycle: a Currency is a 2-byte index into that static table, so it is as cheap to copy and
// compare as an enum; it can only be obtained from Find/All, so every Currency is valid (there
// is no default constructor and no "unknown" value). Thread-safety: immutable; All() is built on
// first use with thread-safe static initialisation.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <utility>
#include <vector>

#include "accrue/base/status.h"

namespace accrue {

class Currency {
 public:
  // Exact match of a code from the list, upper case ("EUR"; not "eur" or " EUR"). Errors are
  // InvalidArgument with an empty param: reason "currency.unknown" for a code not in the list,
  // "currency.not_billable" for a listed code whose minor unit is "N.A.".
  static Result<Currency> Find(std::string_view code);
  // For codes fixed in source (tests, documented defaults): Find, and ACCRUE_CHECK that it
  // succeeded. Never pass input to it.
  static Currency FromCodeOrDie(std::string_view code);
  // Every billable currency, sorted by code.
  static const std::vector<Currency>& All();

  // Three upper-case letters, e.g. "EUR"; the view points into static storage.
  std::string_view code() const;
  // ISO 4217 minor units: 2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF.
  int exponent() const;
  // ISO 4217 numeric code, e.g. 978 for EUR.
  int numeric_code() const;

  // Ordered by code, alphabetically.
  friend constexpr auto operator<=>(const Currency&, const Currency&) = default;

  template <typename H>
  friend H AbslHashValue(H h, const Currency& c) {
    return H::combine(std::move(h), c.index_);
  }

 private:
  constexpr explicit Currency(uint16_t index) : index_(index) {}

  uint16_t index_;  // into the generated table, which is sorted by code
};

// Writes the code; for logs and test failure messages.
std::ostream& operator<<(std::ostream& os, const Currency& currency);

}  // namespace accrue
