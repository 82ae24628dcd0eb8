// ISO 3166-1 alpha-2 country codes, from Debian's iso-codes 4.15.0 (249 codes).
#pragma once

#include <string_view>

namespace accrue {

// True for an upper-case ISO 3166-1 alpha-2 code ("DE", "US", "JP", "KW").
bool IsIsoCountryCode(std::string_view code);

}  // namespace accrue
