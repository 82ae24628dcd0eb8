// Proration factors and prorated amounts: the arithmetic under every mid-period change.
//
// A ProrationFactor is the exact ratio used / total of a part of a billing period to the whole
// period, counted in one unit:
//   - seconds (the default; Stripe's behaviour): elapsed seconds between the two instants, so a
//     Europe/Berlin day in which clocks go forward lasts 82,800 s and one in which they go back
//     90,000 s, and a March period is 31 days minus one hour;
//   - days (an option; Kill Bill's behaviour): local calendar days in the customer's zone, every
//     day counting 1 whatever its length. An instant counts from the start of its local day, so
//     the day of a change is billed at the new terms.
// The ratio is kept as two integers, never as a double or a rounded decimal: the amount of a line
// is unit_price × quantity × used / total computed exactly (192-bit intermediate) and rounded
// once, to the currency's minor unit, with the RoundingMode the caller names. ToDecimal is for
// display ("proration factor 0.451612903") and for engines that round the factor itself (Kill
// Bill rounds it to 9 places half-up before multiplying); it never feeds an Accrue amount.
//
// Thread-safe: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"
#include "accrue/money/rounding.h"
#include "accrue/time/billing_period.h"

namespace accrue {

enum class ProrationUnit { kSecond, kDay };

// "second", "day": the API and storage spelling.
std::string_view ProrationUnitName(ProrationUnit unit);
// Inverse of ProrationUnitName. InvalidArgument, reason "proration.unit_unknown", no param.
Result<ProrationUnit> ParseProrationUnit(std::string_view name);

// used / total, 0 <= used <= total, total > 0. A whole period is used == total.
struct ProrationFactor {
  ProrationUnit unit = ProrationUnit::kSecond;
  int64_t used = 0;
  int64_t total = 1;

  bool IsWhole() const { return used == total; }
  // The ratio rounded to `digits` (0..12) fractional digits with `mode`.
  Decimal ToDecimal(int digits, RoundingMode mode) const;
  // "1209600/2419200 s", "14/28 d": the exact ratio, for logs and line details.
  std::string ToString() const;

  friend bool operator==(const ProrationFactor&, const ProrationFactor&) = default;
};

// The share of `base` (a billing period) covered by [from, to). Requires base.start <= from <=
// to <= base.end; otherwise InvalidArgument, param "at", reason "proration.outside_period".
// Seconds: instants are truncated to whole seconds. Days: the local days of `from` and `to` in
// `tz` (base.end counts as base.end_day).
Result<ProrationFactor> FactorWithin(const Period& base, absl::Time from, absl::Time to,
                                     ProrationUnit unit, absl::TimeZone tz);

// Day-count factor over explicit local days: (to − from) / (base_end − base_start). Requires
// base_start < base_end and 0 <= to − from <= base_end − base_start (a bug otherwise: callers
// derive these days from a validated cycle).
ProrationFactor DayFactor(absl::CivilDay from, absl::CivilDay to, absl::CivilDay base_start,
                          absl::CivilDay base_end);

// unit_price × quantity × factor, computed exactly and rounded once to the currency's minor unit
// with `mode` (a negative product rounds by magnitude as `mode` says for negatives: half-up is
// away from zero). Error "amount.overflow" (InvalidArgument, no param) when unit_price ×
// quantity exceeds the exact range (about 1.7e14 currency units) or the result int64 minor units.
Result<Money> ProratedAmount(Decimal unit_price, Decimal quantity, const ProrationFactor& factor,
                             Currency currency, RoundingMode mode);

}  // namespace accrue
