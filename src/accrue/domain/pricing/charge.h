// Charge: one usage-based price on a plan ("API calls at 0.001 EUR each, first 1000 free"), and
// the pricing of a period's usage under it.
//
// A plan has a fixed fee billed in advance and zero or more charges billed in arrears: the
// invoice for period i carries the fee of period i and the usage of period i-1 (see
// domain/billing.h). A charge names the meter that measures its usage and its pricing terms
// (pricing.h). When the meter groups usage (group_by), each group is priced on its own and gets
// its own invoice line; the period minimum and maximum apply to the charge as a whole, as one
// extra adjustment line (a true-up or a cap), so every usage line stays recomputable from its
// own steps. A charge's terms are immutable, like the plan's fee.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "accrue/domain/ids.h"
#include "accrue/domain/pricing/pricing.h"

namespace accrue {

using ChargeId = StrongId<struct ChargeTag>;

inline constexpr size_t kPlanChargesMax = 20;
inline constexpr size_t kChargeDescriptionLengthMax = 200;

struct Charge {
  ChargeId id;
  MeterId meter_id;
  std::string meter_code;   // the meter's code when the charge was created (codes are stable)
  std::string description;  // names the charge on invoice lines; defaults to the meter code
  ChargePricing pricing;
};

// Checks description length and the pricing terms (ValidateChargePricing) in the plan's
// currency. Params are relative to the charge ("tiers[0].up_to").
Status ValidateCharge(const Charge& charge, Currency currency);

// The values of the meter's group_by properties for one group, in group_by order; empty when
// the meter does not group.
using GroupValues = std::vector<std::pair<std::string, std::string>>;

struct GroupUsage {
  GroupValues group;
  UsageAmount usage;
};

struct PricedGroup {
  GroupValues group;
  int64_t event_count = 0;
  PricedUsage priced;
  int64_t amount_minor = 0;  // RoundLineAmount(priced.amount)
};

enum class PeriodLimitKind { kMinimum, kMaximum };

// The adjustment that brings a charge's period total to its minimum or maximum.
struct PeriodAdjustment {
  PeriodLimitKind kind = PeriodLimitKind::kMinimum;
  int64_t limit_minor = 0;   // min_amount or max_amount
  int64_t lines_minor = 0;   // Σ the charge's rounded usage lines
  int64_t amount_minor = 0;  // limit − lines: > 0 for a true-up, < 0 for a cap
};

struct PricedCharge {
  Charge charge;
  std::vector<PricedGroup> groups;  // at least one (a zero-usage group when nothing was measured)
  std::optional<PeriodAdjustment> adjustment;
  int64_t total_minor = 0;  // Σ groups + adjustment
};

// Prices every group of one period. No usage at all is priced as one empty group with quantity
// zero, so a charge with a base fee or a minimum still shows up. Each group line is rounded once
// (RoundLineAmount); the minimum/maximum compare the sum of the rounded lines with the limit, so
// the adjustment is exact in minor units and lines + adjustment == limit.
Result<PricedCharge> PriceCharge(const Charge& charge, std::span<const GroupUsage> usage,
                                 Currency currency);

}  // namespace accrue
