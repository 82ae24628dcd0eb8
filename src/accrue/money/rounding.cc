#include "accrue/money/rounding.h"

#include <fmt/format.h>

#include "accrue/base/check.h"
#include "accrue/money/internal/quote.h"

namespace accrue {

std::string_view RoundingModeName(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::kHalfUp:
      return "half_up";
    case RoundingMode::kHalfEven:
      return "half_even";
    case RoundingMode::kHalfDown:
      return "half_down";
    case RoundingMode::kDown:
      return "down";
    case RoundingMode::kUp:
      return "up";
    case RoundingMode::kFloor:
      return "floor";
    case RoundingMode::kCeiling:
      return "ceiling";
  }
  ACCRUE_CHECK(false, "RoundingMode holds a value outside the enum");
  return "";
}

Result<RoundingMode> ParseRoundingMode(std::string_view name) {
  for (RoundingMode mode : kAllRoundingModes) {
    if (RoundingModeName(mode) == name) return mode;
  }
  return InvalidArgument(
      "", "rounding_mode.unknown",
      fmt::format("unknown rounding mode {}; expected one of half_up, half_even, half_down, down, "
                  "up, floor, ceiling",
                  money_internal::QuoteInput(name)));
}

}  // namespace accrue
