#include "accrue/domain/pricing/exact_amount.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "accrue/base/check.h"
#include "accrue/money/internal/uint128.h"

namespace accrue {
namespace {

using internal::Pow10;
using internal::UInt128;

constexpr UInt128 kOne = Pow10(ExactAmount::kScale);
// A whole bound, as for Decimal: rounding an in-range value never leaves the range.
constexpr UInt128 kMaxUnits = ((~UInt128{0} >> 1) / kOne) * kOne;
// Decimal units (10^-12) to ExactAmount units (10^-24).
constexpr Int128 kDecimalToExact =
    static_cast<Int128>(Pow10(ExactAmount::kScale - Decimal::kScale));

UInt128 Magnitude(Int128 v) {
  return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v);
}

Status Overflow() {
  return InvalidArgument("", "amount.overflow",
                         fmt::format("an amount is out of range: unrounded amounts are limited to "
                                     "±{}",
                                     ExactAmount::Max().ToString()));
}

bool InRange(Int128 units) { return Magnitude(units) <= kMaxUnits; }

std::string Digits(UInt128 value) {
  std::string out;
  do {
    out += static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

ExactAmount ExactAmount::Max() { return ExactAmount(static_cast<Int128>(kMaxUnits)); }

Result<ExactAmount> ExactAmount::FromUnits(Int128 units) {
  if (!InRange(units)) return Overflow();
  return ExactAmount(units);
}

Result<ExactAmount> ExactAmount::FromDecimal(Decimal value) {
  Int128 units = 0;
  if (__builtin_mul_overflow(value.units(), kDecimalToExact, &units) || !InRange(units)) {
    return Overflow();
  }
  return ExactAmount(units);
}

Result<ExactAmount> ExactAmount::Product(Decimal a, Decimal b) {
  // 10^-12 × 10^-12 = 10^-24: the product of the unit counts is already in our units.
  Int128 units = 0;
  if (__builtin_mul_overflow(a.units(), b.units(), &units) || !InRange(units)) return Overflow();
  return ExactAmount(units);
}

Result<ExactAmount> ExactAmount::Add(ExactAmount a, ExactAmount b) {
  Int128 units = 0;
  if (__builtin_add_overflow(a.units_, b.units_, &units) || !InRange(units)) return Overflow();
  return ExactAmount(units);
}

Result<ExactAmount> ExactAmount::Sub(ExactAmount a, ExactAmount b) {
  Int128 units = 0;
  if (__builtin_sub_overflow(a.units_, b.units_, &units) || !InRange(units)) return Overflow();
  return ExactAmount(units);
}

Result<ExactAmount> ExactAmount::Parse(std::string_view text) {
  auto malformed = [&] {
    return InvalidArgument("", "amount.malformed",
                           fmt::format("'{}' is not an exact amount", text.substr(0, 64)));
  };
  if (text.size() > 80) return malformed();
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty()) ||
      fraction.size() > static_cast<size_t>(kScale)) {
    return malformed();
  }
  UInt128 magnitude = 0;
  for (char c : whole) {
    magnitude = magnitude * 10 + static_cast<UInt128>(c - '0');
    if (magnitude > kMaxUnits / kOne) return Overflow();
  }
  UInt128 frac = 0;
  for (char c : fraction) frac = frac * 10 + static_cast<UInt128>(c - '0');
  magnitude = magnitude * kOne + frac * Pow10(kScale - static_cast<int>(fraction.size()));
  if (magnitude > kMaxUnits) return Overflow();
  const Int128 units = static_cast<Int128>(magnitude);
  return ExactAmount(negative ? -units : units);
}

int64_t ExactAmount::ToMinorUnits(int exponent, RoundingMode mode) const {
  ACCRUE_CHECK(exponent >= 0 && exponent <= 4, "currency exponents are 0..4");
  const UInt128 divisor = Pow10(kScale - exponent);
  const bool negative = units_ < 0;
  const UInt128 magnitude = Magnitude(units_);
  UInt128 quotient = magnitude / divisor;
  const UInt128 remainder = magnitude % divisor;
  const UInt128 to_next = divisor - remainder;
  bool away = false;
  if (remainder != 0) {
    switch (mode) {
      case RoundingMode::kDown:
        break;
      case RoundingMode::kUp:
        away = true;
        break;
      case RoundingMode::kFloor:
        away = negative;
        break;
      case RoundingMode::kCeiling:
        away = !negative;
        break;
      case RoundingMode::kHalfUp:
        away = remainder >= to_next;
        break;
      case RoundingMode::kHalfDown:
        away = remainder > to_next;
        break;
      case RoundingMode::kHalfEven:
        away = remainder > to_next || (remainder == to_next && (quotient & 1) != 0);
        break;
    }
  }
  if (away) ++quotient;
  // |value| <= 1.7e14 so with 4 digits the result is below 1.7e18 < INT64_MAX.
  const int64_t minor = static_cast<int64_t>(quotient);
  return negative ? -minor : minor;
}

std::string ExactAmount::ToString() const {
  const UInt128 magnitude = Magnitude(units_);
  std::string out = units_ < 0 ? "-" : "";
  out += Digits(magnitude / kOne);
  const UInt128 fraction = magnitude % kOne;
  if (fraction == 0) return out;
  std::string digits = Digits(kOne + fraction).substr(1);  // exactly kScale digits
  digits.erase(digits.find_last_not_of('0') + 1);
  out += '.';
  out += digits;
  return out;
}

std::ostream& operator<<(std::ostream& os, const ExactAmount& value) {
  return os << value.ToString();
}

}  // namespace accrue
