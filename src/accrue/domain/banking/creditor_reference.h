// ISO 11649 structured creditor references ("RF references").
//
// An RF reference is "RF", two check digits and a creditor-chosen part of 1 to 21 letters and
// digits, e.g. "RF18 5390 0754 7034" (printed in groups of four). The check digits make the
// whole reference ≡ 1 (mod 97) after moving the first four characters to the end and replacing
// each letter by a number (A=10 … Z=35), the same scheme as IBAN (ISO 7064 MOD 97-10). A payer
// who mistypes one character, or swaps two, produces a reference that fails the check, which is
// why an RF match is the strongest evidence the matcher has.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue::banking {

inline constexpr size_t kRfCreditorPartLengthMax = 21;
inline constexpr size_t kRfLengthMax = 4 + kRfCreditorPartLengthMax;

// Upper-cases and removes spaces: "rf18 5390 0754 7034" → "RF18539007547034". Does not validate.
std::string NormalizeRf(std::string_view text);

// Whether `text` (spaces and case ignored) is a valid RF reference: "RF", two digits, 1–21
// letters or digits, and the mod-97 check.
bool IsValidRf(std::string_view text);

// Builds the RF reference for a creditor part (1–21 letters or digits; case is ignored), in
// electronic form without spaces: MakeRf("539007547034") == "RF18539007547034". Error
// "bank.rf.invalid_creditor_part" (InvalidArgument, empty param) for an empty, too long or
// non-alphanumeric part.
Result<std::string> MakeRf(std::string_view creditor_part);

// The printed form, in groups of four: "RF18 5390 0754 7034".
std::string FormatRfForPrint(std::string_view rf);

// ISO 7064 MOD 97-10 remainder of `alnum` (digits and upper-case letters only; others are a
// bug), read as a number with letters replaced by 10..35. Exposed for IBAN checks.
int Mod97(std::string_view alnum);

}  // namespace accrue::banking
