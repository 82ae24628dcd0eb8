// ExactAmount: an unrounded amount of money, exact to 24 decimal places, for the pricing kernels.
//
// Why not Decimal: a unit price has up to 12 decimals and so does a quantity, so their product
// has up to 24. Decimal (12 decimals) would have to round every product, and a line priced in
// five tiers would be rounded five times before it is rounded to cents. An ExactAmount counts
// units of 10^-24 in a signed 128-bit integer instead, so products of two Decimals, flat fees and
// their sums are all exact, and the only rounding of a usage line is the one in
// RoundLineAmount (pricing.h). The price of exactness is range: ±Max() is about ±1.7e14 units of
// currency (170 trillion EUR), far above any single invoice line; anything beyond is the input
// error "amount.overflow", never a wrap-around.
//
// Lifecycle: a 16-byte value type. Thread-safety: immutable, safe to share.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "accrue/base/status.h"
#include "accrue/money/decimal.h"
#include "accrue/money/rounding.h"

namespace accrue {

class ExactAmount {
 public:
  // Number of fractional digits; units() counts 10^-kScale.
  static constexpr int kScale = 24;

  constexpr ExactAmount() = default;

  // Errors ("amount.overflow") when |value| exceeds Max().
  static Result<ExactAmount> FromDecimal(Decimal value);
  // The exact product a × b.
  static Result<ExactAmount> Product(Decimal a, Decimal b);
  static Result<ExactAmount> Add(ExactAmount a, ExactAmount b);
  static Result<ExactAmount> Sub(ExactAmount a, ExactAmount b);
  // Reconstructs a stored value; `units` must be within ±Max().units() (check first).
  static Result<ExactAmount> FromUnits(Int128 units);
  // Parses what ToString wrote (optional '-', digits, optional '.' and 1..24 digits).
  static Result<ExactAmount> Parse(std::string_view text);
  static ExactAmount Max();

  constexpr Int128 units() const { return units_; }
  constexpr int Sign() const { return units_ < 0 ? -1 : (units_ > 0 ? 1 : 0); }
  constexpr bool IsZero() const { return units_ == 0; }
  constexpr ExactAmount Negated() const { return ExactAmount(-units_); }

  // Rounds to `exponent` (0..12) fractional digits with `mode` and returns the count of
  // 10^-exponent units: 12.345 with (2, kHalfUp) is 1235. Never overflows (the range is small).
  int64_t ToMinorUnits(int exponent, RoundingMode mode) const;

  // Shortest exact text, no exponent: "12.5", "0", "-0.000000000000000000000001".
  std::string ToString() const;

  friend constexpr auto operator<=>(const ExactAmount&, const ExactAmount&) = default;

 private:
  constexpr explicit ExactAmount(Int128 units) : units_(units) {}

  Int128 units_ = 0;
};

std::ostream& operator<<(std::ostream& os, const ExactAmount& value);

}  // namespace accrue
