// UsageLineDetails: what an invoice line billed for usage keeps about how it was priced.
//
// A usage line's amount is RoundLineAmount(exact_amount) and exact_amount is the sum of the
// steps, so a customer holding the invoice can recompute every usage line from the line alone;
// the invoice's "rounding" block names the mode. Adjustment lines (a charge's period minimum
// true-up or maximum cap) have no steps: their amount is limit_minor − charge_lines_minor.
// Stored with the line and immutable like it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accrue/domain/pricing/charge.h"

namespace accrue {

enum class UsageLineKind { kUsage, kMinimumTrueUp, kMaximumCap };
// "usage", "minimum_true_up", "maximum_cap".
std::string_view UsageLineKindName(UsageLineKind kind);
Result<UsageLineKind> ParseUsageLineKind(std::string_view name);

struct UsageLineDetails {
  UsageLineKind kind = UsageLineKind::kUsage;
  ChargeId charge_id;
  MeterId meter_id;
  std::string meter_code;
  PricingModel model = PricingModel::kPerUnit;
  int64_t usage_period_index = 0;  // the subscription period whose usage this bills
  GroupValues group;
  // kUsage only:
  Decimal quantity;  // as measured (the line's quantity)
  int64_t event_count = 0;
  Decimal free_units;
  Decimal billable_quantity;
  std::vector<PricingStep> steps;
  ExactAmount exact_amount;  // Σ steps, before the line's one rounding
  // kMinimumTrueUp / kMaximumCap only:
  int64_t limit_minor = 0;
  int64_t charge_lines_minor = 0;
};

}  // namespace accrue
