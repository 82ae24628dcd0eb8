#include "accrue/domain/pricing/charge.h"

#include "accrue/base/strings.h"

namespace accrue {

Status ValidateCharge(const Charge& charge, Currency currency) {
  if (charge.description.size() > kChargeDescriptionLengthMax) {
    return InvalidArgument(
        "description", "parameter.too_long",
        fmt::format("description has at most {} characters", kChargeDescriptionLengthMax));
  }
  return ValidateChargePricing(charge.pricing, currency);
}

Result<PricedCharge> PriceCharge(const Charge& charge, std::span<const GroupUsage> usage,
                                 Currency currency) {
  PricedCharge out;
  out.charge = charge;
  const GroupUsage nothing;
  const std::span<const GroupUsage> groups = usage.empty() ? std::span(&nothing, 1) : usage;
  int64_t lines = 0;
  for (const GroupUsage& g : groups) {
    PricedGroup priced;
    priced.group = g.group;
    priced.event_count = g.usage.event_count;
    ASSIGN_OR_RETURN(priced.priced, PriceUsage(charge.pricing, g.usage));
    priced.amount_minor = RoundLineAmount(priced.priced.amount, currency);
    if (__builtin_add_overflow(lines, priced.amount_minor, &lines)) {
      return InvalidArgument("", "amount.overflow", "the charge's total is out of range");
    }
    out.groups.push_back(std::move(priced));
  }
  // Limits are validated exact in the currency, so these conversions do not round.
  const ChargePricing& p = charge.pricing;
  auto adjust = [&](const std::optional<Decimal>& limit, PeriodLimitKind kind) -> Status {
    if (!limit.has_value()) return OkStatus();
    ASSIGN_OR_RETURN(int64_t limit_minor,
                     limit->ToMinorUnits(currency.exponent(), RoundingMode::kHalfUp));
    const bool applies =
        kind == PeriodLimitKind::kMinimum ? lines < limit_minor : lines > limit_minor;
    if (!applies) return OkStatus();
    int64_t amount = 0;
    if (__builtin_sub_overflow(limit_minor, lines, &amount)) {
      return InvalidArgument("", "amount.overflow", "the charge's total is out of range");
    }
    out.adjustment = PeriodAdjustment{kind, limit_minor, lines, amount};
    return OkStatus();
  };
  RETURN_IF_ERROR(adjust(p.min_amount, PeriodLimitKind::kMinimum));
  RETURN_IF_ERROR(adjust(p.max_amount, PeriodLimitKind::kMaximum));
  out.total_minor = lines + (out.adjustment.has_value() ? out.adjustment->amount_minor : 0);
  return out;
}

}  // namespace accrue
