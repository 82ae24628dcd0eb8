#include "accrue/domain/pricing/pricing.h"

#include <algorithm>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue {
namespace {

constexpr std::string_view kModelNames[] = {"per_unit", "graduated", "volume", "package",
                                            "percentage"};
constexpr std::string_view kStepKindNames[] = {"units",
                                               "tier",
                                               "packages",
                                               "percentage",
                                               "fixed_fees",
                                               "transaction_minimum",
                                               "transaction_maximum"};

constexpr Int128 kDecimalOne = 1'000'000'000'000;  // Decimal units per whole unit

// ---------------------------------------------------------------------------------------------
// Shared arithmetic.

// How many packages of `size` (> 0) it takes to hold `units` (>= 0): ceil(units / size). Both
// count 10^-12, so the ratio of their unit counts is the ratio of the values.
Result<Decimal> StartedPackages(Decimal units, Decimal size) {
  ACCRUE_CHECK(units.Sign() >= 0 && size.Sign() > 0, "validated before pricing");
  const Int128 packages = (units.units() + size.units() - 1) / size.units();
  if (packages > Decimal::Max().units() / kDecimalOne) {
    return InvalidArgument("", "amount.overflow", "the number of packages is out of range");
  }
  return Decimal::FromUnits(packages * kDecimalOne);
}

// billed × price + flat, exactly.
Result<ExactAmount> StepAmount(Decimal billed, Decimal price, Decimal flat) {
  ASSIGN_OR_RETURN(ExactAmount product, ExactAmount::Product(billed, price));
  ASSIGN_OR_RETURN(ExactAmount fee, ExactAmount::FromDecimal(flat));
  return ExactAmount::Add(product, fee);
}

struct Billable {
  Decimal free;
  Decimal billable;
};

// Deducts free units from a positive quantity. A negative quantity is clamped to zero by the
// models defined on 0..∞ and otherwise passed through (free units never make a refund larger).
Billable DeductFreeUnits(Decimal quantity, Decimal free_units, bool clamp_at_zero) {
  if (quantity.Sign() < 0) return {Decimal(), clamp_at_zero ? Decimal() : quantity};
  const Decimal used = std::min(quantity, free_units);
  return {used, quantity - used};
}

PricingStep TierStep(const PriceTier& tier, Decimal from, Decimal units) {
  PricingStep step;
  step.kind = PricingStepKind::kTier;
  step.from = from;
  step.to = tier.up_to;
  step.units = units;
  step.package_size = tier.package_size;
  step.unit_price = tier.unit_price;
  step.flat_fee = tier.flat_fee;
  return step;
}

// Fills billed_units (units or started packages) and amount.
Status Complete(PricingStep& step) {
  if (step.package_size.has_value()) {
    ASSIGN_OR_RETURN(step.billed_units, StartedPackages(step.units, *step.package_size));
  } else {
    step.billed_units = step.units;
  }
  ASSIGN_OR_RETURN(step.amount, StepAmount(step.billed_units, step.unit_price, step.flat_fee));
  return OkStatus();
}

// ---------------------------------------------------------------------------------------------
// The strategies. Each sets free_units, billable_quantity and steps of `out`.

Status Price(const PerUnitPricing& m, const ChargePricing& p, const UsageAmount& u,
             PricedUsage& out) {
  const Billable b = DeductFreeUnits(u.quantity, p.free_units, /*clamp_at_zero=*/false);
  out.free_units = b.free;
  out.billable_quantity = b.billable;
  PricingStep step;
  step.kind = PricingStepKind::kUnits;
  step.to = b.billable;
  step.units = b.billable;
  step.unit_price = m.unit_price;
  RETURN_IF_ERROR(Complete(step));
  out.steps.push_back(step);
  return OkStatus();
}

Status Price(const GraduatedPricing& m, const ChargePricing& p, const UsageAmount& u,
             PricedUsage& out) {
  const Billable b = DeductFreeUnits(u.quantity, p.free_units, /*clamp_at_zero=*/true);
  out.free_units = b.free;
  out.billable_quantity = b.billable;
  const Decimal q = b.billable;
  Decimal from;
  for (size_t i = 0; i < m.tiers.size(); ++i) {
    const PriceTier& tier = m.tiers[i];
    // The first tier always applies (its flat fee is the base fee); later ones once exceeded.
    if (i > 0 && q <= from) break;
    const Decimal top = tier.up_to.has_value() ? std::min(q, *tier.up_to) : q;
    PricingStep step = TierStep(tier, from, top - from);
    RETURN_IF_ERROR(Complete(step));
    out.steps.push_back(step);
    if (!tier.up_to.has_value()) break;
    from = *tier.up_to;
  }
  return OkStatus();
}

Status Price(const VolumePricing& m, const ChargePricing& p, const UsageAmount& u,
             PricedUsage& out) {
  const Billable b = DeductFreeUnits(u.quantity, p.free_units, /*clamp_at_zero=*/true);
  out.free_units = b.free;
  out.billable_quantity = b.billable;
  size_t i = 0;
  Decimal from;
  while (i + 1 < m.tiers.size() && m.tiers[i].up_to.has_value() && b.billable > *m.tiers[i].up_to) {
    from = *m.tiers[i].up_to;
    ++i;
  }
  // Every unit at this tier's price: the step shows the tier's bounds and the whole quantity.
  PricingStep step = TierStep(m.tiers[i], from, b.billable);
  RETURN_IF_ERROR(Complete(step));
  out.steps.push_back(step);
  return OkStatus();
}

Status Price(const PackagePricing& m, const ChargePricing& p, const UsageAmount& u,
             PricedUsage& out) {
  const Billable b = DeductFreeUnits(u.quantity, p.free_units, /*clamp_at_zero=*/true);
  out.free_units = b.free;
  out.billable_quantity = b.billable;
  PricingStep step;
  step.kind = PricingStepKind::kPackages;
  step.to = b.billable;
  step.units = b.billable;
  step.package_size = m.package_size;
  step.unit_price = m.package_price;
  RETURN_IF_ERROR(Complete(step));
  out.steps.push_back(step);
  return OkStatus();
}

// Sums of the per-transaction walk.
struct TransactionTotals {
  Decimal free_used;
  Decimal billable;  // Σ percentage bases
  ExactAmount raised;
  int64_t raised_count = 0;
  ExactAmount lowered;  // <= 0
  int64_t lowered_count = 0;
};

// Walks the transactions in order: free units cover the first non-negative amounts; each
// non-negative transaction's fee (percentage + fixed fee) is clamped to [min, max]. Refunds
// (negative amounts) get their plain negative percentage and fixed fee.
Result<TransactionTotals> WalkTransactions(const PercentagePricing& m, Decimal rate,
                                           Decimal free_units, std::span<const Decimal> amounts) {
  TransactionTotals t;
  Decimal free_left = free_units;
  ASSIGN_OR_RETURN(const ExactAmount fixed, ExactAmount::FromDecimal(m.fixed_fee));
  for (const Decimal amount : amounts) {
    Decimal base = amount;
    if (amount.Sign() > 0) {
      const Decimal covered = std::min(amount, free_left);
      free_left = free_left - covered;  // covered <= free_left <= free_units: no overflow
      t.free_used = t.free_used + covered;
      base = amount - covered;
    }
    ASSIGN_OR_RETURN(t.billable, Decimal::Add(t.billable, base));
    if (amount.Sign() < 0) continue;
    ASSIGN_OR_RETURN(ExactAmount pct, ExactAmount::Product(base, rate));
    ASSIGN_OR_RETURN(ExactAmount fee, ExactAmount::Add(pct, fixed));
    if (m.transaction_min.has_value()) {
      ASSIGN_OR_RETURN(ExactAmount low, ExactAmount::FromDecimal(*m.transaction_min));
      if (fee < low) {
        ASSIGN_OR_RETURN(ExactAmount raise, ExactAmount::Sub(low, fee));
        ASSIGN_OR_RETURN(t.raised, ExactAmount::Add(t.raised, raise));
        ++t.raised_count;
        continue;
      }
    }
    if (m.transaction_max.has_value()) {
      ASSIGN_OR_RETURN(ExactAmount high, ExactAmount::FromDecimal(*m.transaction_max));
      if (fee > high) {
        ASSIGN_OR_RETURN(ExactAmount cut, ExactAmount::Sub(high, fee));
        ASSIGN_OR_RETURN(t.lowered, ExactAmount::Add(t.lowered, cut));
        ++t.lowered_count;
      }
    }
  }
  return t;
}

PricingStep AdjustmentStep(PricingStepKind kind, int64_t count, ExactAmount amount) {
  PricingStep step;
  step.kind = kind;
  step.units = Decimal::FromInt(count);
  step.billed_units = step.units;
  step.amount = amount;
  return step;
}

Status Price(const PercentagePricing& m, const ChargePricing& p, const UsageAmount& u,
             PricedUsage& out) {
  // rate_percent has at most 10 decimals (validated), so the fraction is exact.
  const Decimal rate = Decimal::FromUnits(m.rate_percent.units() / 100);
  const bool bounded = m.transaction_min.has_value() || m.transaction_max.has_value();
  TransactionTotals t;
  if (u.transactions.has_value()) {
    if (u.transactions->size() > kTransactionsMax ||
        static_cast<int64_t>(u.transactions->size()) != u.event_count) {
      return InvalidArgument("", "pricing.transactions_inconsistent",
                             "the transaction list does not match the event count");
    }
    ASSIGN_OR_RETURN(t, WalkTransactions(m, rate, p.free_units, *u.transactions));
    Decimal sum;
    for (const Decimal amount : *u.transactions) {
      ASSIGN_OR_RETURN(sum, Decimal::Add(sum, amount));
    }
    if (sum != u.quantity) {
      return InvalidArgument("", "pricing.transactions_inconsistent",
                             "the transaction amounts do not add up to the quantity");
    }
  } else if (bounded) {
    return WrongState("pricing.transactions_required",
                      "per-transaction minimum or maximum needs each transaction's amount");
  } else {
    const Billable b = DeductFreeUnits(u.quantity, p.free_units, /*clamp_at_zero=*/false);
    t.free_used = b.free;
    t.billable = b.billable;
  }
  out.free_units = t.free_used;
  out.billable_quantity = t.billable;
  PricingStep pct;
  pct.kind = PricingStepKind::kPercentage;
  pct.to = t.billable;
  pct.units = t.billable;
  pct.unit_price = rate;
  RETURN_IF_ERROR(Complete(pct));
  out.steps.push_back(pct);
  if (!m.fixed_fee.IsZero()) {
    PricingStep fees;
    fees.kind = PricingStepKind::kFixedFees;
    fees.units = Decimal::FromInt(u.event_count);
    fees.unit_price = m.fixed_fee;
    RETURN_IF_ERROR(Complete(fees));
    out.steps.push_back(fees);
  }
  if (t.raised_count > 0) {
    out.steps.push_back(
        AdjustmentStep(PricingStepKind::kTransactionMinimum, t.raised_count, t.raised));
  }
  if (t.lowered_count > 0) {
    out.steps.push_back(
        AdjustmentStep(PricingStepKind::kTransactionMaximum, t.lowered_count, t.lowered));
  }
  return OkStatus();
}

// ---------------------------------------------------------------------------------------------
// Validation.

Status OutOfRange(std::string_view param, std::string_view what) {
  return InvalidArgument(param, "parameter.out_of_range", fmt::format("{} {}", param, what));
}

Status NonNegative(Decimal value, std::string_view param) {
  return value.Sign() < 0 ? OutOfRange(param, "may not be negative") : OkStatus();
}

Status ExactMoney(Decimal value, Currency currency, std::string_view param) {
  RETURN_IF_ERROR(NonNegative(value, param));
  if (!value.HasAtMostFractionDigits(currency.exponent())) {
    return InvalidArgument(param, "amount.too_many_decimals",
                           fmt::format("{} is an amount of {} and has at most {} decimals", param,
                                       currency.code(), currency.exponent()));
  }
  return OkStatus();
}

Status ValidateTiers(const std::vector<PriceTier>& tiers, Currency currency) {
  if (tiers.empty()) {
    return InvalidArgument("tiers", "parameter.missing", "tiers needs at least one tier");
  }
  if (tiers.size() > kPriceTiersMax) {
    return InvalidArgument("tiers", "parameter.too_many_items",
                           fmt::format("at most {} tiers", kPriceTiersMax));
  }
  Decimal previous;
  for (size_t i = 0; i < tiers.size(); ++i) {
    const PriceTier& t = tiers[i];
    const std::string at = fmt::format("tiers[{}]", i);
    const bool last = i + 1 == tiers.size();
    if (!t.up_to.has_value() && !last) {
      return InvalidArgument(at + ".up_to", "charge.open_tier_not_last",
                             "only the last tier may be open (up_to null)");
    }
    if (t.up_to.has_value() && last) {
      return InvalidArgument(at + ".up_to", "charge.last_tier_not_open",
                             "the last tier must be open (up_to null) so every quantity is priced");
    }
    if (t.up_to.has_value() && *t.up_to <= previous) {
      return InvalidArgument(at + ".up_to", "charge.tiers_not_ascending",
                             "tiers' up_to must be positive and strictly ascending");
    }
    if (t.up_to.has_value()) previous = *t.up_to;
    RETURN_IF_ERROR(NonNegative(t.unit_price, at + ".unit_price"));
    RETURN_IF_ERROR(ExactMoney(t.flat_fee, currency, at + ".flat_fee"));
    if (t.package_size.has_value() && t.package_size->Sign() <= 0) {
      return OutOfRange(at + ".package_size", "must be positive");
    }
  }
  return OkStatus();
}

Status ValidateTerms(const PerUnitPricing& m, Currency) {
  return NonNegative(m.unit_price, "unit_price");
}
Status ValidateTerms(const GraduatedPricing& m, Currency c) { return ValidateTiers(m.tiers, c); }
Status ValidateTerms(const VolumePricing& m, Currency c) { return ValidateTiers(m.tiers, c); }
Status ValidateTerms(const PackagePricing& m, Currency) {
  if (m.package_size.Sign() <= 0) return OutOfRange("package_size", "must be positive");
  return NonNegative(m.package_price, "package_price");
}
Status ValidateTerms(const PercentagePricing& m, Currency c) {
  if (m.rate_percent.Sign() < 0 || m.rate_percent > Decimal::FromInt(100)) {
    return OutOfRange("rate_percent", "is between 0 and 100");
  }
  if (!m.rate_percent.HasAtMostFractionDigits(kRatePercentFractionDigitsMax)) {
    return InvalidArgument(
        "rate_percent", "parameter.too_many_decimals",
        fmt::format("rate_percent has at most {} decimals", kRatePercentFractionDigitsMax));
  }
  RETURN_IF_ERROR(ExactMoney(m.fixed_fee, c, "fixed_fee"));
  if (m.transaction_min.has_value()) {
    RETURN_IF_ERROR(ExactMoney(*m.transaction_min, c, "transaction_min_amount"));
  }
  if (m.transaction_max.has_value()) {
    RETURN_IF_ERROR(ExactMoney(*m.transaction_max, c, "transaction_max_amount"));
  }
  if (m.transaction_min.has_value() && m.transaction_max.has_value() &&
      *m.transaction_min > *m.transaction_max) {
    return InvalidArgument("transaction_max_amount", "charge.min_above_max",
                           "the per-transaction maximum is below the minimum");
  }
  return OkStatus();
}

}  // namespace

std::string_view PricingModelName(PricingModel model) {
  return kModelNames[static_cast<size_t>(model)];
}

Result<PricingModel> ParsePricingModel(std::string_view name) {
  for (size_t i = 0; i < std::size(kModelNames); ++i) {
    if (kModelNames[i] == name) return static_cast<PricingModel>(i);
  }
  return InvalidArgument("", "charge.model_unknown",
                         fmt::format("unknown pricing model '{}': use per_unit, graduated, "
                                     "volume, package or percentage",
                                     name.substr(0, 32)));
}

std::string_view PricingStepKindName(PricingStepKind kind) {
  return kStepKindNames[static_cast<size_t>(kind)];
}

Result<PricingStepKind> ParsePricingStepKind(std::string_view name) {
  for (size_t i = 0; i < std::size(kStepKindNames); ++i) {
    if (kStepKindNames[i] == name) return static_cast<PricingStepKind>(i);
  }
  return InvalidArgument("", "pricing.step_kind_unknown", "unknown pricing step kind");
}

Status ValidateChargePricing(const ChargePricing& p, Currency currency) {
  RETURN_IF_ERROR(std::visit([&](const auto& m) { return ValidateTerms(m, currency); }, p.terms));
  RETURN_IF_ERROR(NonNegative(p.free_units, "free_units"));
  if (p.min_amount.has_value()) {
    RETURN_IF_ERROR(ExactMoney(*p.min_amount, currency, "min_amount"));
  }
  if (p.max_amount.has_value()) {
    RETURN_IF_ERROR(ExactMoney(*p.max_amount, currency, "max_amount"));
  }
  if (p.min_amount.has_value() && p.max_amount.has_value() && *p.min_amount > *p.max_amount) {
    return InvalidArgument("max_amount", "charge.min_above_max", "max_amount is below min_amount");
  }
  return OkStatus();
}

Result<PricedUsage> PriceUsage(const ChargePricing& pricing, const UsageAmount& usage) {
  if (usage.event_count < 0) {
    return InvalidArgument("", "pricing.negative_event_count", "event_count is negative");
  }
  PricedUsage out;
  out.quantity = usage.quantity;
  RETURN_IF_ERROR(std::visit([&](const auto& model) { return Price(model, pricing, usage, out); },
                             pricing.terms));
  for (const PricingStep& step : out.steps) {
    ASSIGN_OR_RETURN(out.amount, ExactAmount::Add(out.amount, step.amount));
  }
  return out;
}

int64_t RoundLineAmount(ExactAmount amount, Currency currency) {
  return amount.ToMinorUnits(currency.exponent(), RoundingMode::kHalfUp);
}

}  // namespace accrue
