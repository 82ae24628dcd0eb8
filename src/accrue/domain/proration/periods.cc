#include "accrue/domain/proration/periods.h"

#include <fmt/format.h>

#include <algorithm>

#include "accrue/base/check.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

constexpr int64_t kDaysPerWeek = 7;
constexpr int64_t kMonthsPerQuarter = 3;
constexpr int64_t kMonthsPerYear = 12;

Period MakePeriod(absl::CivilDay start_day, absl::CivilDay end_day, absl::TimeZone tz) {
  return Period{start_day, end_day, StartOfLocalDay(start_day, tz), StartOfLocalDay(end_day, tz)};
}

}  // namespace

absl::CivilDay ShiftByIntervals(absl::CivilDay day, IntervalUnit unit, int count, int64_t n) {
  int64_t months = 0;
  switch (unit) {
    case IntervalUnit::kDay:
      return day + n * count;
    case IntervalUnit::kWeek:
      return day + n * kDaysPerWeek * count;
    case IntervalUnit::kMonth:
      months = count;
      break;
    case IntervalUnit::kQuarter:
      months = kMonthsPerQuarter * count;
      break;
    case IntervalUnit::kYear:
      months = kMonthsPerYear * count;
      break;
  }
  const absl::CivilMonth month = absl::CivilMonth(day) + n * months;
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  return absl::CivilDay(month.year(), month.month(), std::min(day.day(), last.day()));
}

Period CyclePeriod(const BillingCycle& cycle, int64_t index, absl::TimeZone tz) {
  ACCRUE_CHECK(index >= -1, "only one period precedes the anchor");
  if (index >= 0) return PeriodAt(cycle, index, tz);
  // The anchor carries the day of month, so shifting it back applies the same month-end rule
  // PeriodAt applies forward (anchor Mar 31 → Feb 28/29 → Mar 31).
  return MakePeriod(ShiftByIntervals(cycle.anchor, cycle.unit, cycle.count, -1), cycle.anchor, tz);
}

Result<int64_t> CyclePeriodIndex(const BillingCycle& cycle, absl::Time t, absl::TimeZone tz) {
  const int64_t index = PeriodIndexAt(cycle, t, tz);
  if (index >= 0) return index;
  const Period before = CyclePeriod(cycle, -1, tz);
  if (t >= before.start) return int64_t{-1};
  return InvalidArgument("at", "proration.before_first_period",
                         fmt::format("the instant is more than one period before the billing "
                                     "anchor {}",
                                     FormatDate(cycle.anchor)));
}

Period StubBasePeriod(const BillingCycle& cycle, const Period& period, absl::CivilDay from_day,
                      absl::CivilDay to_day, StubBase base, absl::TimeZone tz) {
  const bool whole = from_day == period.start_day && to_day == period.end_day;
  if (base == StubBase::kCycle || whole) return period;
  // Kill Bill: a trailing stub (starting on a boundary) spans one interval forward from its
  // start; any other stub one interval back from its end.
  const Period interval =
      from_day == period.start_day
          ? MakePeriod(from_day, ShiftByIntervals(from_day, cycle.unit, cycle.count, 1), tz)
          : MakePeriod(ShiftByIntervals(to_day, cycle.unit, cycle.count, -1), to_day, tz);
  // A trailing stub of a long month can outgrow an interval counted from a clamped boundary
  // (Feb 28 → Mar 30 against Feb 28 → Mar 28); Kill Bill would bill more than a whole period
  // there. A factor above 1 is never right, so such a stub keeps its cycle period.
  if (from_day < interval.start_day || to_day > interval.end_day) return period;
  return interval;
}

}  // namespace accrue
