// The arithmetic of the finance reports, apart from how their inputs are read: trial balance and
// its translation into the reporting currency, AR aging buckets, days sales outstanding, and
// MRR/ARR with their movements. The app layer (app/reports.h) loads the inputs from storage.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/ledger/account.h"
#include "accrue/domain/ledger/fx.h"
#include "accrue/domain/ledger/journal_entry.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/time/billing_period.h"

namespace accrue::ledger {

// ---- Trial balance ----------------------------------------------------------------------------

// Debits and credits posted to one account in one currency (over some days).
struct AccountTotals {
  std::string account;
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t debit_minor = 0;
  int64_t credit_minor = 0;
};

// One day's postings of one kind of entry to one account in one currency (what storage keeps
// per posting day).
struct DailyTotals {
  absl::CivilDay day;
  EntryKind kind = EntryKind::kInvoiceFinalized;
  AccountTotals totals;
};

struct TrialBalanceRow {
  Account account;
  Currency currency = Currency::FromCodeOrDie("EUR");
  // The account's balance on its side: exactly one is non-zero, or both are zero.
  int64_t debit_minor = 0;
  int64_t credit_minor = 0;
};

struct CurrencyTotal {
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t debit_minor = 0;
  int64_t credit_minor = 0;
};

struct TrialBalance {
  absl::CivilDay as_of;
  std::vector<TrialBalanceRow> rows;  // by account code, then currency
  std::vector<CurrencyTotal> totals;  // by currency
  bool balanced = true;               // every currency's debits equal its credits
  // Set for a translated trial balance: every row is in this currency.
  std::optional<Currency> reporting_currency;
};

// Nets each (account, currency) into one side and adds up the columns per currency. Accounts the
// chart does not know are kept under their code, typed as assets (storage validated them when
// posted, so this does not happen).
TrialBalance BuildTrialBalance(absl::CivilDay as_of, const std::vector<AccountTotals>& totals);

// The trial balance translated into `reporting` the way IAS 21 translates into a presentation
// currency: asset and liability balances at the rate of `as_of` (the closing rate); revenue,
// expense and equity day by day at the rate of the day they were posted (the rate also recorded
// on the entries). Each amount is rounded once, half-even. What the two rates and the rounding
// leave over is shown on 3900 "Currency translation reserve", so the result balances. Nothing is
// posted: this is a view. FailedPrecondition "fx.rate_missing" names the first currency and day
// without a rate.
Result<TrialBalance> TranslateTrialBalance(absl::CivilDay as_of,
                                           const std::vector<DailyTotals>& days,
                                           const RateTable& rates, Currency reporting);

// ---- AR aging ---------------------------------------------------------------------------------

enum class AgingBucket { kCurrent, kDays1To30, kDays31To60, kDays61To90, kOver90 };
inline constexpr size_t kAgingBuckets = 5;
std::string_view AgingBucketName(AgingBucket bucket);  // "current", "1_30", ...

// Not yet due (due on or after `as_of`) is current; otherwise by days past due.
AgingBucket BucketFor(absl::CivilDay due_date, absl::CivilDay as_of);
// The earliest due date of each past-due bucket, for range queries: due >= as_of is current,
// due >= [0] is 1-30, due >= [1] is 31-60, due >= [2] is 61-90, anything earlier is over 90.
std::array<absl::CivilDay, 3> AgingBoundaries(absl::CivilDay as_of);

struct AgingRow {
  CustomerId customer;
  std::string customer_name;
  Currency currency = Currency::FromCodeOrDie("EUR");
  std::array<int64_t, kAgingBuckets> buckets_minor{};
  int64_t total_minor = 0;
};

struct AgingReport {
  absl::CivilDay as_of;
  std::vector<AgingRow> rows;    // by customer name, then id and currency
  std::vector<AgingRow> totals;  // one per currency (customer left nil)
};

// Sorts the rows and adds the per-currency totals.
AgingReport FinishAging(absl::CivilDay as_of, std::vector<AgingRow> rows);

// ---- DSO --------------------------------------------------------------------------------------

struct DsoRow {
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t receivable_minor = 0;  // AR balance at as_of
  int64_t sales_minor = 0;       // invoiced (AR debits of finalizations) in the window
  std::optional<Decimal>
      dso_days;  // receivable / sales × window days, 1 decimal; none without sales
};

// Receivable / sales × days, rounded half-even to one decimal.
std::optional<Decimal> DaysSalesOutstanding(int64_t receivable_minor, int64_t sales_minor,
                                            int window_days);

// ---- MRR / ARR --------------------------------------------------------------------------------

// What MRR needs to know of a subscription.
struct MrrSubscription {
  CustomerId customer;
  Money amount = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // the plan's fee per period
  IntervalUnit unit = IntervalUnit::kMonth;
  int interval_count = 1;
  absl::CivilDay start_date;
  std::optional<absl::CivilDay> canceled_on;  // not recurring from this day on
};

// The fee per month, exact to 12 decimals: month a/n, quarter a/(3n), year a/(12n), week
// a×52/(12n), day a×365/(12n).
Decimal MonthlyAmount(Money amount, IntervalUnit unit, int interval_count);

struct MrrMovement {
  Currency currency = Currency::FromCodeOrDie("EUR");
  // Amounts rounded half-even to the currency's minor unit, once, from exact sums.
  int64_t opening_minor = 0;
  int64_t new_minor = 0;
  int64_t expansion_minor = 0;
  int64_t contraction_minor = 0;  // positive: how much MRR shrank
  int64_t churn_minor = 0;        // positive: MRR lost with customers who left
  int64_t reactivation_minor = 0;
  int64_t closing_minor = 0;
  int64_t arr_minor = 0;  // closing × 12, rounded from the exact closing
  int64_t customers = 0;  // paying at the month's end
};

struct MrrMonth {
  absl::CivilMonth month;
  std::vector<MrrMovement> by_currency;
};

// MRR at the end of each month from `from` to `to`, compared with the end of the month before.
// A customer's MRR is the sum of its subscriptions active at the month's last day (started on or
// before it, not canceled on or before it). Per customer and currency: 0 → >0 is new, or
// reactivation if the customer had MRR at an earlier month end; >0 → 0 is churn; up is
// expansion, down contraction.
std::vector<MrrMonth> ComputeMrr(const std::vector<MrrSubscription>& subscriptions,
                                 absl::CivilMonth from, absl::CivilMonth to);

}  // namespace accrue::ledger
