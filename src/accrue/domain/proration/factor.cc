#include "accrue/domain/proration/factor.h"

#include <fmt/format.h>

#include "accrue/base/check.h"
#include "accrue/domain/pricing/exact_amount.h"
#include "accrue/money/internal/uint128.h"

namespace accrue {
namespace {

using internal::Pow10;
using internal::UInt128;

struct Quotient {
  UInt128 value;
  bool inexact;  // a non-zero remainder was dropped
};

// floor(a × b / c) for a < 2^127 and 0 <= b <= c < 2^63, so the quotient is at most a. The
// product needs up to 190 bits: it is formed in three 64-bit limbs and divided limb by limb
// (each step divides a value below c × 2^64 < 2^127, which UInt128 holds).
Quotient MulDiv(UInt128 a, uint64_t b, uint64_t c) {
  const UInt128 p_lo = static_cast<UInt128>(static_cast<uint64_t>(a)) * b;
  const UInt128 p_hi = static_cast<UInt128>(static_cast<uint64_t>(a >> 64)) * b;
  const UInt128 mid = (p_lo >> 64) + static_cast<uint64_t>(p_hi);
  const uint64_t limbs[3] = {static_cast<uint64_t>((p_hi >> 64) + (mid >> 64)),
                             static_cast<uint64_t>(mid), static_cast<uint64_t>(p_lo)};
  uint64_t q[3] = {0, 0, 0};
  UInt128 rem = 0;
  for (int i = 0; i < 3; ++i) {
    const UInt128 cur = (rem << 64) | limbs[i];
    q[i] = static_cast<uint64_t>(cur / c);
    rem = cur % c;
  }
  ACCRUE_CHECK(q[0] == 0, "a factor of at most 1 cannot grow the amount");
  return {(static_cast<UInt128>(q[1]) << 64) | q[2], rem != 0};
}

Status OutsidePeriod(const Period& base) {
  return InvalidArgument(
      "at", "proration.outside_period",
      fmt::format("the prorated interval must lie within the billing period "
                  "{} – {}",
                  absl::FormatCivilTime(base.start_day), absl::FormatCivilTime(base.end_day)));
}

}  // namespace

std::string_view ProrationUnitName(ProrationUnit unit) {
  return unit == ProrationUnit::kDay ? "day" : "second";
}

Result<ProrationUnit> ParseProrationUnit(std::string_view name) {
  if (name == "second") return ProrationUnit::kSecond;
  if (name == "day") return ProrationUnit::kDay;
  return InvalidArgument(
      {}, "proration.unit_unknown",
      fmt::format("unknown proration unit '{}': expected second or day", name.substr(0, 32)));
}

Decimal ProrationFactor::ToDecimal(int digits, RoundingMode mode) const {
  ACCRUE_CHECK(digits >= 0 && digits <= Decimal::kScale, "0..12 fractional digits");
  // Decimal::Div rounds its quotient once, at 12 places. Dividing the unit counts used by
  // total × 10^(12 − digits) puts that single rounding at the `digits`-th place of used / total;
  // both counts stay far inside Decimal's range (total < 2^63, times at most 10^12).
  const Int128 scale = static_cast<Int128>(Pow10(Decimal::kScale - digits));
  Result<Decimal> shifted = Decimal::Div(
      Decimal::FromUnits(used), Decimal::FromUnits(static_cast<Int128>(total) * scale), mode);
  ACCRUE_CHECK(shifted.ok(), "a factor's total is positive");
  return Decimal::FromUnits(shifted->units() * scale);
}

std::string ProrationFactor::ToString() const {
  return fmt::format("{}/{} {}", used, total, unit == ProrationUnit::kDay ? "d" : "s");
}

Result<ProrationFactor> FactorWithin(const Period& base, absl::Time from, absl::Time to,
                                     ProrationUnit unit, absl::TimeZone tz) {
  if (from < base.start || to < from || to > base.end) return OutsidePeriod(base);
  if (unit == ProrationUnit::kDay) {
    const absl::CivilDay from_day(absl::ToCivilSecond(from, tz));
    const absl::CivilDay to_day =
        to == base.end ? base.end_day : absl::CivilDay(absl::ToCivilSecond(to, tz));
    return DayFactor(from_day, to_day, base.start_day, base.end_day);
  }
  // Whole seconds, truncated toward the past: a change at 10:00:00.700 counts from 10:00:00.
  const int64_t used = absl::ToUnixSeconds(to) - absl::ToUnixSeconds(from);
  const int64_t total = absl::ToUnixSeconds(base.end) - absl::ToUnixSeconds(base.start);
  ACCRUE_CHECK(total > 0, "a billing period lasts at least one second");
  return ProrationFactor{ProrationUnit::kSecond, used, total};
}

ProrationFactor DayFactor(absl::CivilDay from, absl::CivilDay to, absl::CivilDay base_start,
                          absl::CivilDay base_end) {
  const int64_t used = to - from;
  const int64_t total = base_end - base_start;
  ACCRUE_CHECK(total > 0 && used >= 0 && used <= total, "day factor outside its base period");
  return ProrationFactor{ProrationUnit::kDay, used, total};
}

Result<Money> ProratedAmount(Decimal unit_price, Decimal quantity, const ProrationFactor& factor,
                             Currency currency, RoundingMode mode) {
  ACCRUE_CHECK(factor.total > 0 && factor.used >= 0 && factor.used <= factor.total,
               "a proration factor is between 0 and 1");
  ASSIGN_OR_RETURN(const ExactAmount full, ExactAmount::Product(unit_price, quantity));
  ExactAmount exact = full;
  if (!factor.IsWhole()) {
    const bool negative = full.Sign() < 0;
    const UInt128 magnitude = negative ? UInt128{0} - static_cast<UInt128>(full.units())
                                       : static_cast<UInt128>(full.units());
    Quotient q =
        MulDiv(magnitude, static_cast<uint64_t>(factor.used), static_cast<uint64_t>(factor.total));
    // The exact value lies strictly between q and q + 1 units of 10^-24 when the division was
    // inexact. Rounding to a currency (steps of at least 10^20 units) only cares whether the
    // value sits exactly on a multiple of half a step; nudging q off such a point by one unit
    // gives the same rounding as the exact value, for every mode.
    const UInt128 half_step = Pow10(ExactAmount::kScale - currency.exponent()) / 2;
    if (q.inexact && q.value % half_step == 0) q.value += 1;
    const Int128 units = static_cast<Int128>(q.value);
    ASSIGN_OR_RETURN(exact, ExactAmount::FromUnits(negative ? -units : units));
  }
  const int64_t minor = exact.ToMinorUnits(currency.exponent(), mode);
  return Money::FromMinor(minor, currency);
}

}  // namespace accrue
