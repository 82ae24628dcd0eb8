// The billing periods a prorated line is measured against.
//
// Periods come from time/billing_period.h (local midnight in the customer's zone, month-end rule
// from the anchor's day). Two things are added here:
//   - period −1, the period that ends at the anchor. A calendar anchor (the 1st of the month) or
//     a bill-cycle day after the start date leaves a stub [start, anchor) before period 0; the
//     stub is prorated against the full period that would have preceded the anchor ([Mar 1,
//     Apr 1) for a start on Mar 15 and an anchor on Apr 1). Only one such period is allowed: a
//     start more than one period before its anchor is rejected by the planner.
//   - the stub base. By default (kCycle) a partial period is prorated against the cycle period
//     that contains it. Kill Bill instead measures a stub against one interval counted from the
//     stub's boundary with plain clamped calendar arithmetic: a leading stub ending on Feb 28
//     under a bill-cycle day of 31 is divided by Jan 28 → Feb 28 (31 days), where the cycle
//     period is Jan 31 → Feb 28 (28 days). kIntervalFromBoundary reproduces that, for migrations
//     from Kill Bill and for its test vectors; the two agree whenever no month-end clamp is
//     involved. A stub that does not fit in that interval (possible only after a clamp) keeps the
//     cycle period, so a factor never exceeds 1.
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/time/billing_period.h"

namespace accrue {

enum class StubBase { kCycle, kIntervalFromBoundary };

// `day` moved by `n` periods of `count` `unit`s; month-based units keep `day`'s day of month,
// clamped to the target month (Jan 31 + 1 month = Feb 28, Feb 28 − 1 month = Jan 28).
absl::CivilDay ShiftByIntervals(absl::CivilDay day, IntervalUnit unit, int count, int64_t n);

// Period `index` of `cycle` for index >= −1 (−1 ends at the anchor; see above).
Period CyclePeriod(const BillingCycle& cycle, int64_t index, absl::TimeZone tz);

// The index (>= −1) of the period containing `t`. InvalidArgument param "at", reason
// "proration.before_first_period" when `t` is before period −1.
Result<int64_t> CyclePeriodIndex(const BillingCycle& cycle, absl::Time t, absl::TimeZone tz);

// The period the part [from_day, to_day) of `period` is prorated against (see StubBase). For a
// whole period, or with kCycle, that is `period` itself.
Period StubBasePeriod(const BillingCycle& cycle, const Period& period, absl::CivilDay from_day,
                      absl::CivilDay to_day, StubBase base, absl::TimeZone tz);

}  // namespace accrue
