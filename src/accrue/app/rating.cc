#include "accrue/app/rating.h"

#include <vector>

#include "accrue/app/usage.h"
#include "accrue/base/strings.h"

namespace accrue {

Result<PeriodUsage> RatePeriod(StoreTx& tx, const Subscription& subscription, const Plan& plan,
                               absl::TimeZone tz, int64_t usage_period_index) {
  PeriodUsage out;
  out.period_index = usage_period_index;
  out.period = PeriodAt(subscription.cycle(), usage_period_index, tz);
  for (const Charge& charge : plan.charges) {
    ASSIGN_OR_RETURN(std::vector<UsageQuantity> quantities,
                     UsageForPeriod(tx, subscription.tenant_id, subscription.id, charge.meter_id,
                                    usage_period_index));
    std::vector<GroupUsage> groups;
    groups.reserve(quantities.size());
    for (UsageQuantity& q : quantities) {
      groups.push_back(
          GroupUsage{std::move(q.group.values), UsageAmount{q.quantity, q.event_count, {}}});
    }
    ASSIGN_OR_RETURN(PricedCharge priced, PriceCharge(charge, groups, plan.amount.currency()));
    out.charges.push_back(std::move(priced));
  }
  return out;
}

Status AddUsageLines(StoreTx& tx, const Services& services, const Subscription& subscription,
                     const Plan& plan, absl::TimeZone tz, std::span<const int64_t> usage_periods,
                     Invoice& draft) {
  if (plan.charges.empty()) return OkStatus();
  for (const int64_t index : usage_periods) {
    ASSIGN_OR_RETURN(PeriodUsage usage, RatePeriod(tx, subscription, plan, tz, index));
    std::vector<InvoiceLineId> ids(UsageLineCount(usage));
    for (InvoiceLineId& id : ids) id = services.NewId<InvoiceLineId>();
    RETURN_IF_ERROR(AppendUsageLines(draft, plan, usage, ids));
  }
  return OkStatus();
}

std::optional<int64_t> UsagePeriodBilledWith(int64_t period_index) {
  if (period_index < 1) return std::nullopt;
  return period_index - 1;
}

Result<FinalUsageDraft> BuildFinalUsageDraft(StoreTx& tx, const Services& services,
                                             const Subscription& subscription, const Plan& plan,
                                             const Customer& customer, absl::TimeZone tz,
                                             int net_terms_days, absl::Time at) {
  FinalUsageDraft out;
  const std::optional<FinalUsage> final_usage = FinalUsagePeriods(subscription, tz);
  if (!final_usage.has_value() || plan.charges.empty()) return out;  // nothing to bill
  if (final_usage->due_at > at) {
    out.state = FinalUsageState::kNotDue;
    return out;
  }
  out.draft = BuildFinalUsageInvoice(subscription, plan, customer, *final_usage, tz, net_terms_days,
                                     services.NewId<InvoiceId>(), services.clock.Now());
  std::vector<int64_t> periods;
  for (int64_t i = final_usage->first_period; i <= final_usage->last_period; ++i) {
    periods.push_back(i);
  }
  RETURN_IF_ERROR(AddUsageLines(tx, services, subscription, plan, tz, periods, out.draft));
  bool used_or_owed = out.draft.total_minor != 0;
  for (const InvoiceLine& line : out.draft.lines) {
    used_or_owed = used_or_owed || !line.quantity.IsZero() || line.amount_minor != 0;
  }
  out.state = used_or_owed ? FinalUsageState::kReady : FinalUsageState::kNothingToBill;
  return out;
}

namespace {

Result<std::optional<Money>> PriceGroup(const Plan& plan, MeterId meter, const UsageQuantity& q) {
  std::optional<Money> total;
  const Currency currency = plan.amount.currency();
  const GroupUsage group{q.group.values, UsageAmount{q.quantity, q.event_count, {}}};
  for (const Charge& charge : plan.charges) {
    if (charge.meter_id != meter) continue;
    ASSIGN_OR_RETURN(PricedCharge priced,
                     PriceCharge(charge, std::span<const GroupUsage>(&group, 1), currency));
    ASSIGN_OR_RETURN(Money sum,
                     Money::Add(total.value_or(Money::FromMinor(0, currency)),
                                Money::FromMinor(priced.groups[0].amount_minor, currency)));
    total = sum;
  }
  return total;
}

}  // namespace

Result<std::vector<SubscriptionUsageAmounts>> PriceCurrentUsage(
    StoreTx& tx, const Actor& actor, const std::vector<SubscriptionUsage>& usage) {
  std::vector<SubscriptionUsageAmounts> out;
  for (const SubscriptionUsage& su : usage) {
    ASSIGN_OR_RETURN(std::optional<Plan> plan,
                     tx.plans().Find(actor.tenant, su.subscription.plan_id));
    SubscriptionUsageAmounts amounts;
    for (const MeterUsage& mu : su.meters) {
      MeterUsageAmounts meter;
      for (const UsageQuantity& q : mu.groups) {
        std::optional<Money> amount;
        if (plan.has_value()) {
          ASSIGN_OR_RETURN(amount, PriceGroup(*plan, mu.meter.id, q));
        }
        meter.groups.push_back(amount);
      }
      amounts.meters.push_back(std::move(meter));
    }
    out.push_back(std::move(amounts));
  }
  return out;
}

}  // namespace accrue
