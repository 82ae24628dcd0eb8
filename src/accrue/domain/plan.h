// Plan: what a subscription sells: a fixed recurring fee, billed in advance at the start of each
// period (every `interval_count` `interval_unit`s), plus optional usage charges billed in arrears
// (the invoice of period i carries the fee of i and the usage of i-1). Plans are
// immutable once a subscription uses them except for name, description and metadata; price changes
// are new plans (plan versions come with the subscription-lifecycle work).
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "accrue/domain/attributes.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/pricing/charge.h"
#include "accrue/money/money.h"
#include "accrue/time/billing_period.h"

namespace accrue {

struct Plan {
  PlanId id;
  TenantId tenant_id;
  std::string code;  // the integrator's stable handle, unique per tenant, e.g. "pro-monthly"
  std::string name;  // shown on invoice lines
  std::string description;
  // The fixed fee per period, in the plan's currency (always set by whoever builds a plan).
  Money amount = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));
  IntervalUnit interval_unit = IntervalUnit::kMonth;
  int interval_count = 1;
  Metadata metadata;
  absl::Time created_at;
  // Usage-based prices, billed in arrears (domain/pricing/charge.h); in the plan's currency.
  std::vector<Charge> charges;
};

inline constexpr size_t kPlanCodeLengthMax = 64;
inline constexpr size_t kPlanNameLengthMax = 200;
inline constexpr int kPlanIntervalCountMax = 36;  // e.g. every 36 months at most

Status ValidatePlan(const Plan& plan);

}  // namespace accrue
