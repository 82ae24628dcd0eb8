#include "accrue/domain/tax/jurisdiction.h"

#include <array>

namespace accrue::tax {
namespace {

constexpr std::array<std::string_view, 27> kMemberStates = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};

// Territories of a member state outside the EU VAT area that have an ISO 3166-2 code.
constexpr std::array<std::string_view, 3> kExcludedRegions = {"ES-CN", "ES-CE", "ES-ML"};

}  // namespace

bool IsEuMemberState(std::string_view country) {
  for (std::string_view c : kMemberStates) {
    if (c == country) return true;
  }
  return false;
}

bool IsInEuVatArea(std::string_view country, std::string_view region) {
  if (!IsEuMemberState(country)) return false;
  for (std::string_view r : kExcludedRegions) {
    if (r == region) return false;
  }
  return true;
}

}  // namespace accrue::tax
