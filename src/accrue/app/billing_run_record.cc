#include "accrue/app/billing_run_record.h"

#include "accrue/base/strings.h"

namespace accrue {

std::string_view BillingRunStatusName(BillingRunStatus status) {
  switch (status) {
    case BillingRunStatus::kRunning:
      return "running";
    case BillingRunStatus::kCompleted:
      return "completed";
    case BillingRunStatus::kCompletedWithFailures:
      return "completed_with_failures";
    case BillingRunStatus::kFailed:
      return "failed";
    case BillingRunStatus::kInterrupted:
      return "interrupted";
  }
  return "running";
}

Result<BillingRunStatus> ParseBillingRunStatus(std::string_view text) {
  for (auto s : {BillingRunStatus::kRunning, BillingRunStatus::kCompleted,
                 BillingRunStatus::kCompletedWithFailures, BillingRunStatus::kFailed,
                 BillingRunStatus::kInterrupted}) {
    if (BillingRunStatusName(s) == text) return s;
  }
  return InternalError("billing_run.status_unknown",
                       fmt::format("unknown billing run status '{}'", text));
}

}  // namespace accrue
