// ISO 13616 IBANs, and the electronic form bank identifiers share.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace accrue::banking {

// Upper case without spaces: how IBANs, BICs and RF references are written electronically
// ("de89 3704 0044" → "DE8937040044"). Does not validate.
std::string ElectronicForm(std::string_view text);

// Whether `iban`, in electronic form, is an IBAN: two letters, two check digits, 11 to 30 letters
// or digits (15 to 34 in all), and ISO 7064 MOD 97-10 over the rearranged text equal to 1.
// Spaces or lower case are not accepted here; pass ElectronicForm(text) for typed input.
bool IsValidIban(std::string_view iban);

}  // namespace accrue::banking
