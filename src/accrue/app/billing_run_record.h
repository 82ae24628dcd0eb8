// BillingRun: the record a billing run leaves behind — when it ran, for which instant, what it
// created and what failed, and why. Readable at GET /v1/billing_runs/{id}.
#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "accrue/domain/ids.h"

namespace accrue {

// kInterrupted: the process running it stopped (crash, kill -9, power loss) before it finished;
// found by the next run through its stale heartbeat. Rerunning bills what it left out, and
// nothing twice.
enum class BillingRunStatus { kRunning, kCompleted, kCompletedWithFailures, kFailed, kInterrupted };
std::string_view BillingRunStatusName(BillingRunStatus status);
Result<BillingRunStatus> ParseBillingRunStatus(std::string_view text);

struct BillingRun {
  BillingRunId id;
  TenantId tenant_id;
  absl::Time billing_at;  // bill every period that has started by this instant
  bool finalize = true;
  BillingRunStatus status = BillingRunStatus::kRunning;
  int64_t subscriptions_processed = 0;
  int64_t invoices_created = 0;
  int64_t invoices_finalized = 0;
  int64_t periods_already_invoiced = 0;  // found done by an earlier or concurrent run
  int64_t failures = 0;
  std::string actor;
  absl::Time started_at;
  std::optional<absl::Time> finished_at;
  absl::Time heartbeat_at;  // last time the running process recorded progress
};

// A running run whose heartbeat is older than this is taken to be dead. Batches commit within
// seconds, so ten minutes of silence cannot be a live run.
inline constexpr absl::Duration kBillingRunStaleAfter = absl::Minutes(10);

struct BillingRunFailure {
  BillingRunId run_id;
  TenantId tenant_id;
  SubscriptionId subscription_id;
  std::string reason;   // machine reason, e.g. "customer.not_found"
  std::string message;
  absl::Time at;
};

}  // namespace accrue
