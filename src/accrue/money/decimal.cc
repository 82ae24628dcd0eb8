#include "accrue/money/decimal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>

#include "accrue/base/check.h"
#include "accrue/money/internal/quote.h"

namespace accrue {
namespace {

__extension__ typedef unsigned __int128 UInt128;

constexpr int kScale = Decimal::kScale;

constexpr UInt128 Pow10(int n) {
  UInt128 power = 1;
  for (int i = 0; i < n; ++i) power *= 10;
  return power;
}

constexpr UInt128 kOne = Pow10(kScale);
// The largest whole number whose units fit in a signed 128-bit integer. A whole bound means
// rounding an in-range value to any number of digits stays in range.
constexpr UInt128 kMaxUnits = ((~UInt128{0} >> 1) / kOne) * kOne;
constexpr UInt128 kMaxWhole = kMaxUnits / kOne;
constexpr UInt128 kInt64Max = static_cast<UInt128>(INT64_MAX);
constexpr UInt128 kLow64Mask = static_cast<UInt128>(UINT64_MAX);

// Magnitudes are unsigned so that the arithmetic below never has to think about INT128_MIN.
UInt128 Magnitude(Int128 v) {
  return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v);
}

Int128 WithSign(UInt128 magnitude, bool negative) {
  ACCRUE_CHECK(magnitude <= kMaxUnits, "decimal magnitude out of range");
  const Int128 value = static_cast<Int128>(magnitude);
  return negative ? -value : value;
}

// Decides whether a truncated quotient (magnitude `quotient_odd` parity, dropped `remainder`
// out of `divisor`) must move one step away from zero. This is the only place that interprets
// a RoundingMode; every operation that drops digits goes through it.
bool RoundsAway(RoundingMode mode, bool negative, UInt128 remainder, UInt128 divisor,
                bool quotient_odd) {
  if (remainder == 0) return false;
  // Compare remainder with divisor - remainder rather than 2 * remainder with divisor, which
  // could overflow for divisors near 2^127.
  const UInt128 to_next = divisor - remainder;
  switch (mode) {
    case RoundingMode::kDown:
      return false;
    case RoundingMode::kUp:
      return true;
    case RoundingMode::kFloor:
      return negative;
    case RoundingMode::kCeiling:
      return !negative;
    case RoundingMode::kHalfUp:
      return remainder >= to_next;
    case RoundingMode::kHalfDown:
      return remainder > to_next;
    case RoundingMode::kHalfEven:
      return remainder > to_next || (remainder == to_next && quotient_odd);
  }
  ACCRUE_CHECK(false, "RoundingMode holds a value outside the enum");
  return false;
}

// A 256-bit unsigned integer: just enough room for the exact product of two magnitudes, or for
// a dividend scaled by 10^12, before rounding brings it back to 128 bits.
struct UInt256 {
  UInt128 hi = 0;
  UInt128 lo = 0;
};

UInt256 MulWide(UInt128 a, UInt128 b) {
  const UInt128 a0 = a & kLow64Mask, a1 = a >> 64;
  const UInt128 b0 = b & kLow64Mask, b1 = b >> 64;
  const UInt128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  // At most 3 * (2^64 - 1): the middle column cannot overflow 128 bits.
  const UInt128 middle = (p00 >> 64) + (p01 & kLow64Mask) + (p10 & kLow64Mask);
  return {p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64), (middle << 64) | (p00 & kLow64Mask)};
}

struct WideQuotient {
  UInt256 quotient;
  UInt128 remainder = 0;
};

// Schoolbook division in 64-bit digits. The running remainder is below the divisor (< 2^64),
// so remainder * 2^64 + digit fits in 128 bits.
WideQuotient DivBy64(UInt256 n, UInt128 divisor) {
  const UInt128 digits[4] = {n.hi >> 64, n.hi & kLow64Mask, n.lo >> 64, n.lo & kLow64Mask};
  UInt128 q[4] = {};
  UInt128 remainder = 0;
  for (int i = 0; i < 4; ++i) {
    const UInt128 current = (remainder << 64) | digits[i];
    q[i] = current / divisor;
    remainder = current % divisor;
  }
  return {{(q[0] << 64) | q[1], (q[2] << 64) | q[3]}, remainder};
}

// Binary long division for divisors of 64 bits or more (Div by a large value; rare). The
// running remainder is below the divisor (< 2^127), so shifting it left by one bit is safe.
WideQuotient DivByLarge(UInt256 n, UInt128 divisor) {
  WideQuotient result;
  for (int bit = 255; bit >= 0; --bit) {
    const UInt128 next = bit >= 128 ? (n.hi >> (bit - 128)) & 1 : (n.lo >> bit) & 1;
    result.remainder = (result.remainder << 1) | next;
    if (result.remainder < divisor) continue;
    result.remainder -= divisor;
    if (bit >= 128) {
      result.quotient.hi |= UInt128{1} << (bit - 128);
    } else {
      result.quotient.lo |= UInt128{1} << bit;
    }
  }
  return result;
}

WideQuotient DivWide(UInt256 n, UInt128 divisor) {
  ACCRUE_CHECK(divisor != 0 && divisor <= kMaxUnits, "wide division by an invalid divisor");
  if (n.hi == 0) return {{0, n.lo / divisor}, n.lo % divisor};
  return divisor <= kLow64Mask ? DivBy64(n, divisor) : DivByLarge(n, divisor);
}

Status OverflowError(std::string_view what) {
  return InvalidArgument("", "decimal.overflow",
                         fmt::format("{} is out of range: decimals are limited to ±{}", what,
                                     Decimal::Max().ToString()));
}

// Rounds a wide quotient to units, or returns nullopt when it is out of range. The caller builds
// the error, so the hot path never formats a message.
std::optional<Int128> RoundWideQuotient(const WideQuotient& division, UInt128 divisor,
                                        bool negative, RoundingMode mode) {
  UInt256 q = division.quotient;
  if (RoundsAway(mode, negative, division.remainder, divisor, (q.lo & 1) != 0)) {
    q.lo += 1;
    if (q.lo == 0) q.hi += 1;
  }
  if (q.hi != 0 || q.lo > kMaxUnits) return std::nullopt;
  return WithSign(q.lo, negative);
}

std::string Digits(UInt128 value) {
  std::string out;
  do {
    out += static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  std::reverse(out.begin(), out.end());
  return out;
}

// Writes a magnitude with exactly `fraction_digits` of its 12 fractional digits; the caller
// guarantees that the digits left out are zeros.
std::string Format(Int128 units, int fraction_digits) {
  const UInt128 magnitude = Magnitude(units);
  std::string out = units < 0 ? "-" : "";
  out += Digits(magnitude / kOne);
  if (fraction_digits == 0) return out;
  const std::string fraction = Digits(kOne + magnitude % kOne);  // "1" + 12 digits
  out += '.';
  out.append(fraction, 1, static_cast<std::size_t>(fraction_digits));
  return out;
}

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status MalformedError(std::string_view text, std::string_view why) {
  return InvalidArgument(
      "", "decimal.malformed",
      fmt::format("{} is not a decimal number: {}", money_internal::QuoteInput(text), why));
}

// Accumulates whole digits into a magnitude, or returns false when they exceed kMaxWhole.
bool AccumulateWhole(std::string_view digits, UInt128& whole) {
  for (char c : digits) {
    whole = whole * 10 + static_cast<UInt128>(c - '0');
    if (whole > kMaxWhole) return false;
  }
  return true;
}

// Fraction digits (at most 12) as units: "5" is 500000000000.
UInt128 FractionUnits(std::string_view digits) {
  UInt128 units = 0;
  for (char c : digits) units = units * 10 + static_cast<UInt128>(c - '0');
  return units * Pow10(kScale - static_cast<int>(digits.size()));
}

void CheckDigitCount(int digits) {
  ACCRUE_CHECK(digits >= 0 && digits <= kScale, "fractional digit count outside 0..12");
}

}  // namespace

Decimal Decimal::FromInt(int64_t value) {
  // |int64| * 10^12 < 9.3e30 always fits.
  return Decimal(static_cast<Int128>(value) * static_cast<Int128>(kOne));
}

Decimal Decimal::FromUnits(Int128 units) {
  ACCRUE_CHECK(Magnitude(units) <= kMaxUnits, "Decimal::FromUnits outside ±Decimal::Max()");
  return Decimal(units);
}

Decimal Decimal::FromMinor(int64_t minor, int exponent) {
  CheckDigitCount(exponent);
  return Decimal(static_cast<Int128>(minor) * static_cast<Int128>(Pow10(kScale - exponent)));
}

Decimal Decimal::Max() { return Decimal(static_cast<Int128>(kMaxUnits)); }

Result<Decimal> Decimal::Parse(std::string_view text) {
  constexpr std::string_view kExpected =
      "expected an optional sign, digits and an optional fraction, like -12.345";
  if (text.size() > kMaxTextLength) {
    return MalformedError(text, fmt::format("longer than {} characters", kMaxTextLength));
  }
  std::string_view rest = text;
  const bool negative = !rest.empty() && rest.front() == '-';
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) rest.remove_prefix(1);
  const std::size_t dot = rest.find('.');
  const std::string_view whole = rest.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
  if (!IsDigits(whole) || (dot != std::string_view::npos && !IsDigits(fraction))) {
    return MalformedError(text, kExpected);
  }
  // Zeros past the 12th digit do not change the value, so they are not an error.
  while (fraction.size() > kScale && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > kScale) {
    return InvalidArgument("", "decimal.too_many_fraction_digits",
                           fmt::format("{} has more than {} decimal places",
                                       money_internal::QuoteInput(text), kScale));
  }
  UInt128 magnitude = 0;
  if (!AccumulateWhole(whole, magnitude)) return OverflowError(money_internal::QuoteInput(text));
  magnitude = magnitude * kOne + FractionUnits(fraction);
  if (magnitude > kMaxUnits) return OverflowError(money_internal::QuoteInput(text));
  return Decimal(WithSign(magnitude, negative));
}

std::string Decimal::ToString() const { return Format(units_, FractionDigits()); }

std::string Decimal::ToFixed(int fraction_digits, RoundingMode mode) const {
  return Format(Rounded(fraction_digits, mode).units_, fraction_digits);
}

int Decimal::FractionDigits() const {
  UInt128 fraction = Magnitude(units_) % kOne;
  if (fraction == 0) return 0;
  int digits = kScale;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  return digits;
}

bool Decimal::HasAtMostFractionDigits(int n) const {
  ACCRUE_CHECK(n >= 0, "negative fractional digit count");
  return n >= kScale || Magnitude(units_) % Pow10(kScale - n) == 0;
}

Result<Decimal> Decimal::Add(Decimal a, Decimal b) {
  Int128 sum = 0;
  if (__builtin_add_overflow(a.units_, b.units_, &sum) || Magnitude(sum) > kMaxUnits) {
    return OverflowError(fmt::format("{} + {}", a.ToString(), b.ToString()));
  }
  return Decimal(sum);
}

Result<Decimal> Decimal::Sub(Decimal a, Decimal b) {
  Int128 difference = 0;
  if (__builtin_sub_overflow(a.units_, b.units_, &difference) ||
      Magnitude(difference) > kMaxUnits) {
    return OverflowError(fmt::format("{} - {}", a.ToString(), b.ToString()));
  }
  return Decimal(difference);
}

Result<Decimal> Decimal::Mul(Decimal a, Decimal b, RoundingMode mode) {
  // units(a*b) = units(a) * units(b) / 10^12.
  const UInt256 product = MulWide(Magnitude(a.units_), Magnitude(b.units_));
  const std::optional<Int128> units =
      RoundWideQuotient(DivWide(product, kOne), kOne, (a.Sign() * b.Sign()) < 0, mode);
  if (!units) return OverflowError(fmt::format("{} * {}", a.ToString(), b.ToString()));
  return Decimal(*units);
}

Result<Decimal> Decimal::Div(Decimal a, Decimal b, RoundingMode mode) {
  if (b.IsZero()) {
    return InvalidArgument("", "decimal.division_by_zero",
                           fmt::format("cannot divide {} by zero", a.ToString()));
  }
  // units(a/b) = units(a) * 10^12 / units(b).
  const UInt256 dividend = MulWide(Magnitude(a.units_), kOne);
  const UInt128 divisor = Magnitude(b.units_);
  const std::optional<Int128> units =
      RoundWideQuotient(DivWide(dividend, divisor), divisor, (a.Sign() * b.Sign()) < 0, mode);
  if (!units) return OverflowError(fmt::format("{} / {}", a.ToString(), b.ToString()));
  return Decimal(*units);
}

Decimal Decimal::Rounded(int fraction_digits, RoundingMode mode) const {
  CheckDigitCount(fraction_digits);
  const UInt128 step = Pow10(kScale - fraction_digits);
  const UInt128 magnitude = Magnitude(units_);
  UInt128 steps = magnitude / step;
  if (RoundsAway(mode, units_ < 0, magnitude % step, step, (steps & 1) != 0)) ++steps;
  return Decimal(WithSign(steps * step, units_ < 0));
}

Result<int64_t> Decimal::ToMinorUnits(int exponent, RoundingMode mode) const {
  const Decimal rounded = Rounded(exponent, mode);
  const UInt128 minor = Magnitude(rounded.units_) / Pow10(kScale - exponent);
  if (minor > kInt64Max) {
    return InvalidArgument(
        "", "decimal.overflow",
        fmt::format("{} does not fit in 64-bit minor units with {} decimal places",
                    rounded.ToString(), exponent));
  }
  const auto minor64 = static_cast<int64_t>(minor);
  return units_ < 0 ? -minor64 : minor64;
}

Decimal operator+(Decimal a, Decimal b) {
  Result<Decimal> sum = Decimal::Add(a, b);
  ACCRUE_CHECK(sum.ok(), "Decimal operator+ overflowed; use Decimal::Add for unbounded input");
  return *sum;
}

Decimal operator-(Decimal a, Decimal b) {
  Result<Decimal> difference = Decimal::Sub(a, b);
  ACCRUE_CHECK(difference.ok(),
               "Decimal operator- overflowed; use Decimal::Sub for unbounded input");
  return *difference;
}

std::ostream& operator<<(std::ostream& os, const Decimal& value) { return os << value.ToString(); }

}  // namespace accrue
