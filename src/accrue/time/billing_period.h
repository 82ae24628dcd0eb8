// Billing cycles and the periods they cut the timeline into.
//
// A BillingCycle says "every `count` `unit`s, starting on `anchor`". Period 0 starts on the anchor
// day; period k starts on PeriodStartDay(cycle, k). Boundaries are civil days in the customer's
// time zone, and each period starts at that zone's local midnight, so a monthly period containing
// a DST change lasts an hour more or less than its calendar days (Europe/Berlin March: 31 days
// minus one hour). Period k ends exactly where period k+1 starts: the periods tile the timeline
// from the anchor on, with no gaps and no overlaps.
//
// Month-end rule: monthly, quarterly and yearly periods start on the anchor's day of month,
// clamped to the length of the target month, and the clamp is applied to the anchor each time,
// never to the previous period. An anchor on Jan 31 gives Feb 28 (29 in leap years), Mar 31,
// Apr 30, May 31; an anchor on Feb 29 gives Feb 28 in common years and Feb 29 in leap years.
// Computing from the previous period instead would drift to the 28th for good after February.
//
// Midnight rule: where a zone skips local midnight (a DST change at 00:00, e.g. America/Havana,
// America/Santiago, Asia/Beirut) a period starts at the first instant of its start day that
// exists (01:00 local); where midnight occurs twice it starts at the earlier one. See
// StartOfLocalDay in instant.h.
//
// Limits: these functions take validated cycles (ValidateBillingCycle) and abort on violations,
// which are bugs: 1 <= count <= kIntervalCountMax, anchor year within kAnchorYearMin..
// kAnchorYearMax, 0 <= index <= kPeriodIndexMax, and instants before year kAnchorYearMax + 1.
//
// Thread-safe: value types and pure functions. absl::TimeZone is a cheap handle to an immutable
// zone, so passing it by value is fine.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/base/status.h"

namespace accrue {

enum class IntervalUnit { kDay, kWeek, kMonth, kQuarter, kYear };

// "day", "week", "month", "quarter", "year": the API and storage spelling.
std::string_view IntervalUnitName(IntervalUnit unit);
// The inverse of IntervalUnitName (exact, lowercase). Reason "interval.unknown", no param.
Result<IntervalUnit> ParseIntervalUnit(std::string_view name);

// Bounds on cycles. Wider than any real plan ("every 1000 days" is already absurd) yet small
// enough that no date computation below can overflow or leave abseil's civil range.
inline constexpr int kIntervalCountMax = 1000;
inline constexpr int64_t kAnchorYearMin = 1900;
inline constexpr int64_t kAnchorYearMax = 9999;
// Daily periods from 1900 to 9999 number about 2.96 million.
inline constexpr int64_t kPeriodIndexMax = 4'000'000;

struct BillingCycle {
  // The local civil day on which period 0 starts, in the customer's zone.
  absl::CivilDay anchor;
  IntervalUnit unit = IntervalUnit::kMonth;
  // Periods are `count` units long.
  int count = 1;
};

// Checks the limits above, for use where a cycle enters the system. InvalidArgument with param
// "count" / reason "interval.count_out_of_range", or param "anchor" / reason
// "anchor.out_of_range".
Status ValidateBillingCycle(const BillingCycle& cycle);

// The local day on which period `index` starts; index 0 is the anchor.
absl::CivilDay PeriodStartDay(const BillingCycle& cycle, int64_t index);

struct Period {
  absl::CivilDay start_day;
  absl::CivilDay end_day;  // exclusive: the next period's start_day
  absl::Time start;        // start_day's first instant in the zone
  absl::Time end;          // exclusive: the next period's start
};

// Period `index` in zone `tz`.
Period PeriodAt(const BillingCycle& cycle, int64_t index, absl::TimeZone tz);

// The index of the period with start <= t < end, or -1 when t is before period 0 starts. Constant
// time: the index is estimated from the day or month difference and corrected by at most a step
// or two, so it stays cheap for instants centuries after the anchor.
int64_t PeriodIndexAt(const BillingCycle& cycle, absl::Time t, absl::TimeZone tz);

}  // namespace accrue
