// The reports finance closes the month with, read in the caller's (read) transaction:
//  - trial balance for any day, in transaction currencies or translated into the tenant's
//    reporting currency (from the daily balances: a small aggregate, never a journal scan);
//  - AR aging per customer (from open invoices' amount due and due date);
//  - DSO (days sales outstanding) over a trailing window;
//  - the deferred revenue waterfall (what is still to recognize, by month);
//  - recognized revenue by month and revenue account (plan);
//  - MRR/ARR with new, expansion, contraction, churn and reactivation.
// Days default to today in the tenant's zone. See docs/ledger.md for each definition.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/ports/ledger_store.h"
#include "accrue/app/services.h"

namespace accrue {

// The tenant's today (its zone) when `day` is empty.
Result<absl::CivilDay> ReportDay(StoreTx& tx, const Services& services, const Actor& actor,
                                 std::optional<absl::CivilDay> day);

// `translate`: in the reporting currency (ledger::TranslateTrialBalance); else per currency.
Result<ledger::TrialBalance> TrialBalanceReport(StoreTx& tx, const Actor& actor,
                                                absl::CivilDay as_of, bool translate);

Result<ledger::AgingReport> ArAgingReport(StoreTx& tx, const Actor& actor, absl::CivilDay as_of);

inline constexpr int kDsoWindowDaysDefault = 90;
inline constexpr int kDsoWindowDaysMax = 3660;
struct DsoReport {
  absl::CivilDay as_of;
  int window_days = kDsoWindowDaysDefault;
  std::vector<ledger::DsoRow> rows;  // by currency
};
// Receivable at `as_of` over the sales invoiced in the `window_days` days ending on `as_of`.
Result<DsoReport> DsoReportFor(StoreTx& tx, const Actor& actor, absl::CivilDay as_of,
                               int window_days);

struct DeferredRevenueReport {
  std::optional<absl::CivilMonth> recognized_through;
  std::vector<DeferredMonth> months;  // by month, then currency
  std::vector<DeferredMonth> totals;  // one per currency (month unset)
};
Result<DeferredRevenueReport> DeferredRevenueWaterfall(StoreTx& tx, const Actor& actor);

// More months than this in one report is refused.
inline constexpr int64_t kReportMonthsMax = 240;

struct RevenueRow {
  absl::CivilMonth month;
  std::string account;  // "4000" or "4000-<plan code>"
  std::string plan;     // the plan code ("" for 4000 itself)
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t amount_minor = 0;  // net credits: revenue recognized less revenue reversed
};
// Revenue accounts' net credits per month in [from, to] (tenant-zone days).
Result<std::vector<RevenueRow>> RecognizedRevenueReport(StoreTx& tx, const Actor& actor,
                                                        absl::CivilMonth from, absl::CivilMonth to);

Result<std::vector<ledger::MrrMonth>> MrrReport(StoreTx& tx, const Actor& actor,
                                                absl::CivilMonth from, absl::CivilMonth to);

}  // namespace accrue
