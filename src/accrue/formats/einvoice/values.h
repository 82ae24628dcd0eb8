// How EN 16931 values are spelled in XML, shared by the UBL and CII writers.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::einvoice::internal {

// True when `s` is empty or only XML white space: such a text counts as absent (Peppol R008
// calls an element with it empty, so the writers never write one).
bool IsBlank(std::string_view s);

// An amount with the currency's decimals, capped at two (EN 16931 BR-DEC): "12.30" EUR, "1000"
// JPY, "1.25" KWD (only called after BR-DEC has checked that 1.250 has no third digit; a value
// that has one is written exactly rather than rounded, so nothing is ever silently changed).
std::string FormatAmount(const Money& amount);
// Shortest exact decimal: "19", "5.5", "0.0088".
std::string FormatDecimal(Decimal value);
// "2024-01-31" (UBL, xs:date).
std::string IsoDate(absl::CivilDay day);
// "20240131" (CII, format 102).
std::string CompactDate(absl::CivilDay day);

}  // namespace accrue::einvoice::internal
