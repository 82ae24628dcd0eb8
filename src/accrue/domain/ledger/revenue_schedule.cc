#include "accrue/domain/ledger/revenue_schedule.h"

#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/money/decimal.h"

namespace accrue::ledger {
namespace {

// floor(|amount| * weight / total) with the sign of `amount`: the mirror-image rule.
int64_t Share(int64_t amount, int64_t weight, int64_t total) {
  const Int128 magnitude = amount < 0 ? -Int128{amount} : Int128{amount};
  const Int128 part = magnitude * weight / total;
  return static_cast<int64_t>(amount < 0 ? -part : part);
}

}  // namespace

SplitRule ChooseSplitRule(absl::CivilDay start, absl::CivilDay end_exclusive) {
  return start.day() == 1 && end_exclusive.day() == 1 && end_exclusive > start ? SplitRule::kByMonth
                                                                               : SplitRule::kByDay;
}

std::vector<MonthAmount> SplitOverPeriod(int64_t amount_minor, absl::CivilDay start,
                                         absl::CivilDay end_exclusive) {
  if (end_exclusive <= start) end_exclusive = start + 1;
  const absl::CivilMonth first(start);
  const absl::CivilMonth last(end_exclusive - 1);
  const int64_t months = last - first + 1;
  ACCRUE_CHECK(months >= 1 && months <= kScheduleMonthsMax, "service period out of range");
  const SplitRule rule = ChooseSplitRule(start, end_exclusive);
  const int64_t total_weight = rule == SplitRule::kByMonth ? months : end_exclusive - start;
  std::vector<MonthAmount> out;
  out.reserve(static_cast<size_t>(months));
  int64_t given = 0;
  for (absl::CivilMonth m = first; m <= last; ++m) {
    int64_t part = 0;
    if (m == last) {
      part = amount_minor - given;
    } else {
      int64_t weight = 1;
      if (rule == SplitRule::kByDay) {
        const absl::CivilDay from = std::max(start, absl::CivilDay(m));
        const absl::CivilDay to = std::min(end_exclusive, absl::CivilDay(m + 1));
        weight = to - from;
      }
      part = Share(amount_minor, weight, total_weight);
    }
    given += part;
    out.push_back(MonthAmount{m, part});
  }
  return out;
}

std::string FormatMonth(absl::CivilMonth month) {
  return fmt::format("{:04d}-{:02d}", month.year(), month.month());
}

Result<absl::CivilMonth> ParseMonth(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("", "month.malformed",
                           fmt::format("'{}' is not a month (YYYY-MM)", text.substr(0, 32)));
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  int year = 0;
  int month = 0;
  for (size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return bad();
    if (i < 4) {
      year = year * 10 + (text[i] - '0');
    } else {
      month = month * 10 + (text[i] - '0');
    }
  }
  if (year < 1900 || month < 1 || month > 12) return bad();
  return absl::CivilMonth(year, month);
}

absl::CivilDay LastDayOf(absl::CivilMonth month) { return absl::CivilDay(month + 1) - 1; }

}  // namespace accrue::ledger
