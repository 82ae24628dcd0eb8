// Subscription: a customer on a plan from a start date. Periods follow the plan's interval from
// the billing anchor (by default the start date: anniversary billing), at local midnight in the
// customer's time zone; see time/billing_period.h for the month-end rule.
//
// `next_period_index` is the first period not yet invoiced and `next_period_start` its start:
// the billing run picks every active subscription whose next period has started, so finding due
// work is one index range scan, and advancing both in the same transaction as the invoice insert
// is what makes re-running a billing run create nothing twice.
#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/domain/attributes.h"
#include "accrue/domain/ids.h"
#include "accrue/time/billing_period.h"

namespace accrue {

enum class SubscriptionStatus { kActive, kCanceled };
std::string_view SubscriptionStatusName(SubscriptionStatus status);
Result<SubscriptionStatus> ParseSubscriptionStatus(std::string_view text);

struct Subscription {
  SubscriptionId id;
  TenantId tenant_id;
  CustomerId customer_id;
  PlanId plan_id;
  SubscriptionStatus status = SubscriptionStatus::kActive;
  absl::CivilDay start_date;      // local to the customer
  absl::CivilDay billing_anchor;  // period 0 starts here (equal to start_date: anniversary)
  IntervalUnit interval_unit = IntervalUnit::kMonth;  // copied from the plan at creation
  int interval_count = 1;
  int64_t next_period_index = 0;
  absl::Time next_period_start;
  std::optional<int> net_terms_days;  // overrides customer and tenant
  std::string title;        // copied onto each invoice
  std::string description;  // copied onto each invoice
  Tags tags;                // copied onto each invoice, for filtering
  Metadata metadata;
  absl::Time created_at;
  std::optional<absl::Time> canceled_at;

  BillingCycle cycle() const { return BillingCycle{billing_anchor, interval_unit, interval_count}; }
};

Status ValidateSubscription(const Subscription& subscription);

}  // namespace accrue
