// Rating: reading a subscription's usage of a period (app/usage.h, from the running aggregates)
// and pricing it under the plan's charges (domain/pricing), for the pure invoice generator
// (domain/billing.h) to turn into invoice lines.
//
// Billed in arrears: the draft of period i carries the usage of period i-1 (period 0's draft has
// none). A canceled subscription gets one final invoice for the usage not billed yet, once the
// period it was canceled in has ended (FinalUsagePeriods in domain/billing.h). Reading a period
// costs one aggregate lookup per charge, whatever the number of events.
//
// Every function runs in the caller's transaction and writes nothing (ids come from the
// Services' generator). Thread-safety: as StoreTx.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "absl/time/time.h"
#include "accrue/app/services.h"
#include "accrue/app/usage.h"
#include "accrue/domain/billing.h"

namespace accrue {

// The usage of `usage_period_index` under every charge of `plan`, priced in the plan's currency.
// Errors: those of UsageForPeriod; "amount.overflow" for absurd quantities.
Result<PeriodUsage> RatePeriod(StoreTx& tx, const Subscription& subscription, const Plan& plan,
                               absl::TimeZone tz, int64_t usage_period_index);

// Appends to `draft` the usage lines of each period in `usage_periods` (oldest first). A plan
// without charges adds nothing and reads nothing.
Status AddUsageLines(StoreTx& tx, const Services& services, const Subscription& subscription,
                     const Plan& plan, absl::TimeZone tz, std::span<const int64_t> usage_periods,
                     Invoice& draft);

// The usage period a regular draft of `period_index` bills: period_index − 1, none for period 0.
std::optional<int64_t> UsagePeriodBilledWith(int64_t period_index);

// The final usage invoice of a canceled subscription as of `at` (see FinalUsagePeriods):
//   kNotDue        the period it was canceled in has not ended at `at`: ask again later;
//   kNothingToBill nothing is left to bill, the plan has no charges, or nothing was used and
//                  nothing is owed (a zero invoice is not issued): mark it done;
//   kReady         `draft` is the final invoice (usage lines only, no fixed fee).
// `tz` is the customer's zone.
enum class FinalUsageState { kNotDue, kNothingToBill, kReady };
struct FinalUsageDraft {
  FinalUsageState state = FinalUsageState::kNothingToBill;
  Invoice draft;
};
Result<FinalUsageDraft> BuildFinalUsageDraft(StoreTx& tx, const Services& services,
                                             const Subscription& subscription, const Plan& plan,
                                             const Customer& customer, absl::TimeZone tz,
                                             int net_terms_days, absl::Time at);

// Amounts for GET /v1/customers/{id}/usage: for each group of CurrentUsage (same order at every
// level), what its usage so far would be billed at as a usage line, summed over the plan's
// charges on that meter (each rounded as its line would be). Period minimum/maximum adjustments
// are left out: they apply to the period as a whole, once it has ended. nullopt when the plan
// has no charge on the meter.
struct MeterUsageAmounts {
  std::vector<std::optional<Money>> groups;
};
struct SubscriptionUsageAmounts {
  std::vector<MeterUsageAmounts> meters;
};
Result<std::vector<SubscriptionUsageAmounts>> PriceCurrentUsage(
    StoreTx& tx, const Actor& actor, const std::vector<SubscriptionUsage>& usage);

}  // namespace accrue
