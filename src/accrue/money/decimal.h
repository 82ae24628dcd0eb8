// Decimal: an exact fixed-point number for prices, quantities, rates and unrounded amounts.
//
// A Decimal is a count of units of 10^-12 held in a signed 128-bit integer: twelve fractional
// digits and about 38 significant digits, within ±Decimal::Max() = ±170141183460469231731687303
// (about 1.7e26). One fixed scale is enough for billing (a unit price of 0.000000000001 times a
// quantity of 10^14 is still exact) and keeps every operation a few integer instructions. There
// is no double anywhere: text goes in through Parse and out through ToString/ToFixed, and every
// operation that drops digits (Mul, Div, Rounded, ToFixed, ToMinorUnits) takes a RoundingMode.
// Operations that can leave the range return Result with reason "decimal.overflow"; nothing
// wraps. The range is symmetric and its bound is a whole number, so Negated() and Abs() never
// overflow and rounding an in-range value never leaves the range. Rounded amounts of a currency
// are a different type: see Money (money.h).
//
// Lifecycle: a 16-byte value type; copy it freely. Thread-safety: immutable, safe to share.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "accrue/base/status.h"
#include "accrue/money/rounding.h"

namespace accrue {

// __extension__ keeps -Wpedantic quiet: __int128 is a GCC/Clang extension, and the only
// portable way to get exact 38-digit arithmetic without a multiprecision library.
__extension__ typedef __int128 Int128;

class Decimal {
 public:
  // Number of fractional digits; units() counts 10^-kScale.
  static constexpr int kScale = 12;
  // Parse rejects longer text before looking at it (the longest valid number without leading
  // zeros has 1 + 27 + 1 + 12 characters).
  static constexpr std::size_t kMaxTextLength = 100;

  // Zero.
  constexpr Decimal() = default;

  static Decimal FromInt(int64_t value);
  // `units` counts 10^-12 and must be within ±Max().units() (checked: a value out of range is a
  // bug). Check untrusted input, e.g. a column read from storage, against Max() first.
  static Decimal FromUnits(Int128 units);
  // `minor` units with `exponent` (0..12) decimal places: FromMinor(1234, 2) is 12.34.
  static Decimal FromMinor(int64_t minor, int exponent);
  // The largest value, 170141183460469231731687303; the smallest is Max().Negated().
  static Decimal Max();

  // Parses an optional sign ('-' or '+'), one or more digits, and optionally '.' followed by one
  // or more digits: "-12.345", "0.5", "+100", "007". Rejected as "decimal.malformed": empty
  // text, whitespace anywhere, ".5", "1.", exponents ("1e3"), "inf", thousands separators, and
  // text longer than kMaxTextLength. More than 12 fractional digits is
  // "decimal.too_many_fraction_digits" unless the extra digits are all zeros ("1.50000000000000"
  // is exactly 1.5 and accepted). Beyond ±Max() is "decimal.overflow". All errors are
  // InvalidArgument with an empty param (callers add theirs with WithParamPrefix) and quote the
  // input, truncated.
  static Result<Decimal> Parse(std::string_view text);

  // Shortest exact text: no trailing zeros, no exponent, "-" only when negative: "12.5", "0",
  // "-0.000000000001". Parse(ToString()) gives back the same value.
  std::string ToString() const;
  // Rounded to `fraction_digits` (0..12) and written with exactly that many fractional digits:
  // 12.5 with (2, kHalfEven) is "12.50". A value that rounds to zero prints without a sign.
  std::string ToFixed(int fraction_digits, RoundingMode mode) const;

  constexpr Int128 units() const { return units_; }
  constexpr int Sign() const { return units_ < 0 ? -1 : (units_ > 0 ? 1 : 0); }
  constexpr bool IsZero() const { return units_ == 0; }
  constexpr Decimal Abs() const { return units_ < 0 ? Negated() : *this; }
  constexpr Decimal Negated() const { return Decimal(-units_); }
  // Number of significant fractional digits, 0..12: 12.50 has 1, 3 has 0.
  int FractionDigits() const;
  // Whether the value is exact with `n` (>= 0) fractional digits; n >= 12 is always true.
  bool HasAtMostFractionDigits(int n) const;

  // Checked arithmetic; each error is InvalidArgument with reason "decimal.overflow".
  static Result<Decimal> Add(Decimal a, Decimal b);
  static Result<Decimal> Sub(Decimal a, Decimal b);
  // The exact product (computed in 256 bits, so no intermediate overflows) rounded to 12
  // fractional digits with `mode`.
  static Result<Decimal> Mul(Decimal a, Decimal b, RoundingMode mode);
  // The quotient rounded to 12 fractional digits with `mode`. A zero divisor is reason
  // "decimal.division_by_zero".
  static Result<Decimal> Div(Decimal a, Decimal b, RoundingMode mode);

  // Rounded to `fraction_digits` (0..12) fractional digits. Never overflows (see above).
  Decimal Rounded(int fraction_digits, RoundingMode mode) const;
  // Rounds to `exponent` (0..12) fractional digits and returns the value counted in units of
  // 10^-exponent: 12.345 with (2, kHalfUp) is 1235. Outside ±INT64_MAX is "decimal.overflow".
  Result<int64_t> ToMinorUnits(int exponent, RoundingMode mode) const;

  friend constexpr auto operator<=>(const Decimal&, const Decimal&) = default;

  // Unchecked-looking operators for values already validated against known bounds (e.g. a sum
  // of invoice lines whose count and size are limited). They ACCRUE_CHECK on overflow, which is
  // a bug, not an input error; use Add/Sub for anything a caller supplies.
  friend Decimal operator+(Decimal a, Decimal b);
  friend Decimal operator-(Decimal a, Decimal b);
  friend constexpr Decimal operator-(Decimal a) { return a.Negated(); }

  template <typename H>
  friend H AbslHashValue(H h, const Decimal& d) {
    return H::combine(std::move(h), static_cast<uint64_t>(d.units_ >> 64),
                      static_cast<uint64_t>(d.units_));
  }

 private:
  constexpr explicit Decimal(Int128 units) : units_(units) {}

  Int128 units_ = 0;
};

// Writes ToString(); for logs and test failure messages.
std::ostream& operator<<(std::ostream& os, const Decimal& value);

}  // namespace accrue
