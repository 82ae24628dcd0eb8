// Rounding modes for exact decimal arithmetic.
//
// Every place that drops digits (Decimal::Mul, Decimal::Rounded, Money::FromDecimal, ...) takes
// a RoundingMode argument; there is deliberately no default, because the mode is a business
// rule (tax authorities and contracts name it) and a silent default is how invoices end up one
// cent off. The names follow java.math.RoundingMode: "up"/"down" mean away from/toward zero,
// "floor"/"ceiling" mean toward -inf/+inf, and the "half" modes only differ on exact ties.
// Modes are stored and exchanged by their stable names ("half_even"); never persist the enum's
// integer value. Value type; thread-safe.
#pragma once

#include <array>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue {

enum class RoundingMode {
  kHalfUp,    // ties away from zero: 2.5 -> 3, -2.5 -> -3 ("commercial" rounding)
  kHalfEven,  // ties to the even neighbour: 2.5 -> 2, 3.5 -> 4 (banker's rounding)
  kHalfDown,  // ties toward zero: 2.5 -> 2, -2.5 -> -2
  kDown,      // toward zero (truncation): 2.9 -> 2, -2.9 -> -2
  kUp,        // away from zero: 2.1 -> 3, -2.1 -> -3
  kFloor,     // toward negative infinity: -2.1 -> -3
  kCeiling,   // toward positive infinity: 2.1 -> 3
};

inline constexpr std::array<RoundingMode, 7> kAllRoundingModes = {
    RoundingMode::kHalfUp, RoundingMode::kHalfEven, RoundingMode::kHalfDown, RoundingMode::kDown,
    RoundingMode::kUp,     RoundingMode::kFloor,    RoundingMode::kCeiling};

// The stable name: "half_up", "half_even", "half_down", "down", "up", "floor", "ceiling".
std::string_view RoundingModeName(RoundingMode mode);

// Inverse of RoundingModeName (exact, lower-case match). Error: InvalidArgument, reason
// "rounding_mode.unknown".
Result<RoundingMode> ParseRoundingMode(std::string_view name);

}  // namespace accrue
