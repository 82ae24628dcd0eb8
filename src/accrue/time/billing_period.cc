#include "accrue/time/billing_period.h"

#include <fmt/format.h>

#include <algorithm>

#include "accrue/base/check.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

constexpr int64_t kDaysPerWeek = 7;
constexpr int64_t kMonthsPerQuarter = 3;
constexpr int64_t kMonthsPerYear = 12;
// PeriodIndexAt's estimate is off by at most one period, plus one for a period left empty when a
// zone skips a whole day (Pacific/Apia, 2011-12-30). More means the estimate is wrong.
constexpr int kCorrectionStepsMax = 3;

// One period's length: whole days for day and week units, whole months for the others. The two
// cases differ because months vary in length and are clamped; days never are.
struct Step {
  bool in_months;
  int64_t length;
};

void CheckCycle(const BillingCycle& cycle) {
  ACCRUE_CHECK(cycle.count >= 1 && cycle.count <= kIntervalCountMax,
               "billing cycle count out of range; ValidateBillingCycle first");
  ACCRUE_CHECK(cycle.anchor.year() >= kAnchorYearMin && cycle.anchor.year() <= kAnchorYearMax,
               "billing cycle anchor out of range; ValidateBillingCycle first");
}

Step StepOf(const BillingCycle& cycle) {
  switch (cycle.unit) {
    case IntervalUnit::kDay:
      return {false, cycle.count};
    case IntervalUnit::kWeek:
      return {false, kDaysPerWeek * cycle.count};
    case IntervalUnit::kMonth:
      return {true, cycle.count};
    case IntervalUnit::kQuarter:
      return {true, kMonthsPerQuarter * cycle.count};
    case IntervalUnit::kYear:
      return {true, kMonthsPerYear * cycle.count};
  }
  ACCRUE_CHECK(false, "IntervalUnit out of range");
  return {};
}

// Rounds toward negative infinity, so that instants before the anchor get negative estimates.
int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

// `day_of_month` in `month`, or the month's last day when the month is shorter.
absl::CivilDay ClampedDay(absl::CivilMonth month, int day_of_month) {
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  return absl::CivilDay(month.year(), month.month(), std::min(day_of_month, last.day()));
}

absl::CivilDay StartDay(const BillingCycle& cycle, Step step, int64_t index) {
  if (!step.in_months) return cycle.anchor + index * step.length;
  // Always from the anchor's day, never from the previous period's: see the month-end rule.
  return ClampedDay(absl::CivilMonth(cycle.anchor) + index * step.length, cycle.anchor.day());
}

// The largest index whose start day is <= `day`; -1 or less when `day` is before the anchor.
int64_t EstimateIndex(const BillingCycle& cycle, Step step, absl::CivilDay day) {
  if (!step.in_months) return FloorDiv(day - cycle.anchor, step.length);
  const int64_t months = absl::CivilMonth(day) - absl::CivilMonth(cycle.anchor);
  const int64_t index = FloorDiv(months, step.length);
  // In the start month, `day` may still precede that period's (clamped) start day.
  if (index >= 0 && day < StartDay(cycle, step, index)) return index - 1;
  return index;
}

absl::Time StartInstant(const BillingCycle& cycle, Step step, int64_t index, absl::TimeZone tz) {
  return StartOfLocalDay(StartDay(cycle, step, index), tz);
}

}  // namespace

std::string_view IntervalUnitName(IntervalUnit unit) {
  switch (unit) {
    case IntervalUnit::kDay:
      return "day";
    case IntervalUnit::kWeek:
      return "week";
    case IntervalUnit::kMonth:
      return "month";
    case IntervalUnit::kQuarter:
      return "quarter";
    case IntervalUnit::kYear:
      return "year";
  }
  ACCRUE_CHECK(false, "IntervalUnit out of range");
  return {};
}

Result<IntervalUnit> ParseIntervalUnit(std::string_view name) {
  for (IntervalUnit unit : {IntervalUnit::kDay, IntervalUnit::kWeek, IntervalUnit::kMonth,
                            IntervalUnit::kQuarter, IntervalUnit::kYear}) {
    if (name == IntervalUnitName(unit)) return unit;
  }
  return InvalidArgument({}, "interval.unknown",
                         fmt::format("unknown interval '{}': expected day, week, month, quarter "
                                     "or year",
                                     name.substr(0, 32)));
}

Status ValidateBillingCycle(const BillingCycle& cycle) {
  if (cycle.count < 1 || cycle.count > kIntervalCountMax) {
    return InvalidArgument(
        "count", "interval.count_out_of_range",
        fmt::format("interval count {} is outside 1..{}", cycle.count, kIntervalCountMax));
  }
  if (cycle.anchor.year() < kAnchorYearMin || cycle.anchor.year() > kAnchorYearMax) {
    return InvalidArgument("anchor", "anchor.out_of_range",
                           fmt::format("anchor {} is outside years {}..{}",
                                       FormatDate(cycle.anchor), kAnchorYearMin, kAnchorYearMax));
  }
  return OkStatus();
}

absl::CivilDay PeriodStartDay(const BillingCycle& cycle, int64_t index) {
  CheckCycle(cycle);
  ACCRUE_CHECK(index >= 0 && index <= kPeriodIndexMax, "period index out of range");
  return StartDay(cycle, StepOf(cycle), index);
}

Period PeriodAt(const BillingCycle& cycle, int64_t index, absl::TimeZone tz) {
  CheckCycle(cycle);
  ACCRUE_CHECK(index >= 0 && index <= kPeriodIndexMax, "period index out of range");
  const Step step = StepOf(cycle);
  Period period;
  period.start_day = StartDay(cycle, step, index);
  period.end_day = StartDay(cycle, step, index + 1);
  period.start = StartOfLocalDay(period.start_day, tz);
  period.end = StartOfLocalDay(period.end_day, tz);
  return period;
}

int64_t PeriodIndexAt(const BillingCycle& cycle, absl::Time t, absl::TimeZone tz) {
  CheckCycle(cycle);
  const absl::CivilDay day(absl::ToCivilSecond(t, tz));
  // Far before any anchor (including InfinitePast): answer before the day arithmetic can overflow.
  if (day.year() < kAnchorYearMin - 1) return -1;
  ACCRUE_CHECK(day.year() <= kAnchorYearMax, "instant after year 9999");
  const Step step = StepOf(cycle);
  int64_t index = std::max<int64_t>(EstimateIndex(cycle, step, day), 0);
  // Fast path, which skips two zone lookups: with a whole local day of margin on both sides, no
  // DST change can move `t` across a boundary. That holds as long as no zone turns its clocks
  // back by more than 24 hours; the largest such jump since 1900 is Kwajalein's 23 hours (1969).
  if (StartDay(cycle, step, index) < day && day + 1 < StartDay(cycle, step, index + 1)) {
    return index;
  }
  // Near a boundary the local day of `t` and the instant bounds can disagree (a repeated midnight
  // shows the previous day a second time), so the period's own instants decide.
  for (int steps = 0; t < StartInstant(cycle, step, index, tz); ++steps) {
    ACCRUE_CHECK(steps < kCorrectionStepsMax, "period index estimate too high");
    if (index == 0) return -1;
    --index;
  }
  for (int steps = 0; t >= StartInstant(cycle, step, index + 1, tz); ++steps) {
    ACCRUE_CHECK(steps < kCorrectionStepsMax, "period index estimate too low");
    ++index;
  }
  return index;
}

}  // namespace accrue
