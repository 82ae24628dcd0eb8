// Revenue recognition runs: move a month's share of deferred revenue to revenue.
//
// A run for month M recognizes every month from the one after the tenant's last recognized
// month (or its earliest scheduled month, the first time) up to M: one journal entry per month
// (Dr 2100 / Cr 4000-<plan>, per currency), dated the month's last day, then records M as the
// last recognized month, all in one transaction. So a run is idempotent (a month recognized
// twice posts nothing new), a skipped month is caught up in its own month, and finalizing an
// invoice later with service in a recognized month credits revenue for that month at once
// (postings.h). Months after the current one (tenant zone) cannot be recognized.
//
// Cost: each month reads one covering index range of its schedule items (about 1,000,000 items a
// second on one core; docs/benchmarks.md) and writes one entry.
#pragma once

#include <optional>
#include <vector>

#include "accrue/app/ports/ledger_store.h"
#include "accrue/app/services.h"

namespace accrue {

// More months than this in one run is refused (it would mean decades of unrecognized books).
inline constexpr int64_t kRecognitionMonthsPerRunMax = 600;

struct RecognizedMonth {
  absl::CivilMonth month;
  std::optional<ledger::JournalEntry> entry;  // none when the month had nothing to recognize
  int64_t items = 0;                          // schedule items recognized
};

struct RecognitionRun {
  absl::CivilMonth month;                              // recognized through this month
  std::optional<absl::CivilMonth> previously_through;  // the last month recognized before
  std::vector<RecognizedMonth> months;                 // the months this run recognized
};

// InvalidArgument ("month", "recognition.month_in_future") for a month after the current one.
Result<RecognitionRun> RunRecognition(StoreTx& tx, const Services& services, const Actor& actor,
                                      absl::CivilMonth month);

}  // namespace accrue
