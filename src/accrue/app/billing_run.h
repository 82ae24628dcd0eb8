// The billing run: invoice every subscription period that has started by an instant.
//
// The run pages through due subscriptions (one index range scan), builds each draft with the pure
// generator (domain/billing.h), and writes a batch of invoices per transaction together with the
// subscriptions' new billing positions, the invoice numbers (one block reserved per batch) and the
// run's counters. Consequences:
//  - idempotent: a period is invoiced only while the subscription still points at it, and the
//    store refuses a second invoice for the same (subscription, period); re-running, or running
//    two runs at once, creates nothing twice;
//  - crash-safe and resumable: a kill at any moment leaves whole batches or nothing; the next run
//    picks up exactly where the last committed batch stopped, with no gap in the numbers;
//  - isolated failures: a subscription that cannot be billed (its customer's time zone no longer
//    loads, say) is recorded with its reason and skipped; the others are billed.
#pragma once

#include <functional>

#include "accrue/app/services.h"

namespace accrue {

// Subscriptions per write transaction. Larger batches commit (and fsync) less often and write a
// hot page once per commit instead of once per few hundred invoices; a crash loses at most one
// batch, which the next run redoes. 2,000 holds the write lock ~0.1 s.
inline constexpr int kBillingBatchSizeDefault = 2000;
inline constexpr int kBillingBatchSizeMax = 5000;
inline constexpr size_t kBillingRunFailuresRecordedMax = 1000;

struct BillingRunOptions {
  absl::Time billing_at;
  bool finalize = true;
  int batch_size = kBillingBatchSizeDefault;
  // Called after each committed batch with the run so far (for a CLI progress line).
  std::function<void(const BillingRun&)> on_progress;
};

Result<BillingRun> RunBilling(const Services& services, const Actor& actor,
                              const BillingRunOptions& options);
Result<BillingRun> GetBillingRun(StoreTx& tx, const Actor& actor, BillingRunId id);
Result<std::vector<BillingRunFailure>> ListBillingRunFailures(StoreTx& tx, const Actor& actor,
                                                              BillingRunId id);

}  // namespace accrue
