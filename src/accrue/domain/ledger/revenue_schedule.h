// Revenue schedules: how the amount of an invoice line with a service period is spread over the
// calendar months in which the service is delivered.
//
// The rule (docs/ledger.md, "Recognition"):
//  - The service period is the line's [period_start, period_end) turned into civil days in the
//    customer's time zone (periods are cut at the customer's local midnight, so this gives back
//    exactly the days that were billed).
//  - Whole calendar months (the period starts on the 1st and ends on a 1st) are split BY MONTH:
//    every month weighs the same, whatever its length. 12,000.00 for a calendar year is exactly
//    1,000.00 a month, and a monthly plan billed on the 1st is recognized in its own month.
//  - Any other period is split BY DAY: each month weighs the number of the period's days it
//    holds. An anniversary period Jan 15 - Feb 15 (31 days) puts 17/31 in January and 14/31 in
//    February.
//  - Each month but the last gets the floor of its exact share (toward zero: a negative amount is
//    split as the mirror image of the positive one); the last month gets what is left, so the
//    schedule sums to the line amount exactly and rounding never recognizes revenue early.
//    (accrue::Allocate would hand the spare minor units to the months with the largest dropped
//    fractions; here they deliberately land in the last month.)
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/domain/ids.h"
#include "accrue/money/currency.h"

namespace accrue::ledger {

enum class SplitRule { kByMonth, kByDay };

// Whole calendar months split by month; everything else by day.
SplitRule ChooseSplitRule(absl::CivilDay start, absl::CivilDay end_exclusive);

// A service period longer than this many months is a bug upstream (plans allow 36 months; daily
// plans at most kIntervalCountMax days).
inline constexpr int64_t kScheduleMonthsMax = 1200;

struct MonthAmount {
  absl::CivilMonth month;
  int64_t amount_minor = 0;
  friend bool operator==(const MonthAmount&, const MonthAmount&) = default;
};

// Splits `amount_minor` over the service days [start, end_exclusive) by the rule above. A period
// shorter than one day counts as one day in the month of `start`. The parts sum to the amount.
std::vector<MonthAmount> SplitOverPeriod(int64_t amount_minor, absl::CivilDay start,
                                         absl::CivilDay end_exclusive);

// One month of one invoice line's schedule, as stored.
struct ScheduleItem {
  // The document that scheduled it: an invoice and its line, or a credit note and its line
  // (ids of those types, carried in these fields), whose negative amounts take revenue back
  // out of the months not yet recognized.
  InvoiceId invoice_id;
  InvoiceLineId line_id;
  absl::CivilMonth month;
  std::string account;  // the revenue account it is recognized into, e.g. "4000-pro"
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t amount_minor = 0;
  // The month was already closed for recognition when the invoice was finalized, so the
  // finalization entry credited revenue directly instead of deferred revenue.
  bool recognized_at_posting = false;

  friend bool operator==(const ScheduleItem&, const ScheduleItem&) = default;
};

// yyyymm, the storage and sort key of a month: 2026-03 is 202603.
inline int64_t MonthKey(absl::CivilMonth m) { return m.year() * 100 + m.month(); }
inline absl::CivilMonth MonthFromKey(int64_t key) {
  return absl::CivilMonth(key / 100, static_cast<int>(key % 100));
}
// "2026-03".
std::string FormatMonth(absl::CivilMonth month);
// Parses "YYYY-MM" exactly (months 01..12, years 1900..9999). InvalidArgument "month.malformed"
// with an empty param otherwise.
Result<absl::CivilMonth> ParseMonth(std::string_view text);
// The last day of `month`.
absl::CivilDay LastDayOf(absl::CivilMonth month);

}  // namespace accrue::ledger
