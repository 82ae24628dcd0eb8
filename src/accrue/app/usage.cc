#include "accrue/app/usage.h"

#include <map>

#include "accrue/app/customers.h"
#include "accrue/app/subscriptions.h"
#include "accrue/base/strings.h"
#include "accrue/domain/metering/aggregation.h"
#include "accrue/domain/metering/event.h"
#include "accrue/time/billing_period.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

Result<UsageGroup> DecodeGroup(const Meter& meter, std::string_view group_key) {
  UsageGroup group;
  if (meter.group_by.empty()) return group;
  ASSIGN_OR_RETURN(std::vector<std::string> values, DecodeGroupKey(group_key));
  if (values.size() != meter.group_by.size()) {
    return MakeError(absl::StatusCode::kDataLoss, "usage.bad_group_key",
                     fmt::format("group key of meter {} has {} values, not {}", meter.code,
                                 values.size(), meter.group_by.size()));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    group.values.emplace_back(meter.group_by[i], std::move(values[i]));
  }
  return group;
}

// weighted_sum of every group of one subscription period, up to `until`.
Result<std::vector<UsageQuantity>> WeightedUsage(StoreTx& tx, TenantId tenant,
                                                 SubscriptionId subscription, const Meter& meter,
                                                 const Period& period, absl::Time until) {
  ASSIGN_OR_RETURN(std::vector<LevelChange> changes,
                   tx.usage().ListLevels(tenant, subscription, meter.id, period.start, period.end));
  std::vector<UsageQuantity> out;
  size_t i = 0;
  while (i < changes.size()) {
    size_t j = i;
    std::vector<LevelPoint> points;
    int64_t in_period = 0;
    for (; j < changes.size() && changes[j].group_key == changes[i].group_key; ++j) {
      points.push_back(LevelPoint{changes[j].timestamp, changes[j].sequence, changes[j].level});
      if (changes[j].timestamp >= period.start) ++in_period;
    }
    ASSIGN_OR_RETURN(Decimal quantity, WeightedSum(points, period.start, period.end, until));
    if (!quantity.IsZero() || in_period > 0) {
      ASSIGN_OR_RETURN(UsageGroup group, DecodeGroup(meter, changes[i].group_key));
      out.push_back(UsageQuantity{std::move(group), quantity, in_period});
    }
    i = j;
  }
  return out;
}

Result<std::vector<UsageQuantity>> FromAggregates(const Meter& meter,
                                                  const std::vector<AggregateRow>& rows) {
  std::vector<UsageQuantity> out;
  for (const AggregateRow& row : rows) {
    if (row.key.meter != meter.id) continue;
    ASSIGN_OR_RETURN(UsageGroup group, DecodeGroup(meter, row.key.group_key));
    out.push_back(UsageQuantity{std::move(group), row.quantity, row.event_count});
  }
  return out;
}

Result<absl::TimeZone> CustomerZone(StoreTx& tx, TenantId tenant, CustomerId id) {
  ASSIGN_OR_RETURN(std::optional<Customer> customer, tx.customers().Find(tenant, id));
  if (!customer.has_value()) {
    return InternalError("usage.customer_missing",
                         fmt::format("subscription's customer {} is missing", id.ToString()));
  }
  return LoadTimeZone(customer->time_zone);
}

Result<std::vector<Meter>> AllMeters(StoreTx& tx, TenantId tenant) {
  std::vector<Meter> out;
  PageRequest page{kPageLimitMax, {}};
  while (static_cast<int>(out.size()) < kCurrentUsageMetersMax) {
    ASSIGN_OR_RETURN(Page<Meter> p, tx.meters().List(tenant, page));
    for (Meter& m : p.items) out.push_back(std::move(m));
    if (!p.has_more || out.empty()) break;
    page.starting_after = out.back().id.uuid();
  }
  return out;
}

}  // namespace

Result<std::vector<UsageQuantity>> UsageForPeriod(StoreTx& tx, TenantId tenant,
                                                  SubscriptionId subscription, MeterId meter_id,
                                                  int64_t period_index) {
  if (period_index < 0 || period_index > kPeriodIndexMax) {
    return InvalidArgument("period_index", "usage.period_out_of_range",
                           fmt::format("period index is from 0 to {}", kPeriodIndexMax));
  }
  ASSIGN_OR_RETURN(std::optional<Subscription> sub, tx.subscriptions().Find(tenant, subscription));
  if (!sub.has_value()) {
    return NotFound("subscription.not_found",
                    fmt::format("no subscription {}", subscription.ToString()), "subscription");
  }
  ASSIGN_OR_RETURN(std::optional<Meter> meter, tx.meters().Find(tenant, meter_id));
  if (!meter.has_value()) {
    return NotFound("meter.not_found", fmt::format("no meter {}", meter_id.ToString()), "meter");
  }
  if (meter->aggregation == Aggregation::kWeightedSum) {
    ASSIGN_OR_RETURN(absl::TimeZone tz, CustomerZone(tx, tenant, sub->customer_id));
    const Period period = PeriodAt(sub->cycle(), period_index, tz);
    return WeightedUsage(tx, tenant, subscription, *meter, period, period.end);
  }
  ASSIGN_OR_RETURN(std::vector<AggregateRow> rows,
                   tx.usage().ListAggregates(tenant, subscription, meter_id, period_index));
  return FromAggregates(*meter, rows);
}

Result<std::vector<LateUsageEvent>> ListLateUsage(StoreTx& tx, TenantId tenant,
                                                  SubscriptionId subscription,
                                                  int64_t after_sequence, int limit) {
  if (limit < 1 || limit > kLateUsageListMax) {
    return InvalidArgument("limit", "parameter.out_of_range",
                           fmt::format("limit is from 1 to {}", kLateUsageListMax));
  }
  return tx.usage().ListLate(tenant, subscription, after_sequence, limit);
}

Result<std::vector<SubscriptionUsage>> CurrentUsage(StoreTx& tx, const Actor& actor,
                                                    CustomerId customer_id, absl::Time now) {
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, customer_id));
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(customer.time_zone));
  std::vector<Subscription> subscriptions;
  ASSIGN_OR_RETURN(std::vector<SubscriptionTerms> terms,
                   tx.usage().ListCustomerSubscriptions(actor.tenant, customer_id));
  for (const SubscriptionTerms& t : terms) {
    if (t.status != SubscriptionStatus::kActive) continue;
    ASSIGN_OR_RETURN(Subscription s, GetSubscription(tx, actor, t.id));
    subscriptions.push_back(std::move(s));
  }
  ASSIGN_OR_RETURN(std::vector<Meter> meters, AllMeters(tx, actor.tenant));
  std::vector<SubscriptionUsage> out;
  for (Subscription& sub : subscriptions) {
    SubscriptionUsage usage;
    usage.period_index = std::max<int64_t>(0, PeriodIndexAt(sub.cycle(), now, tz));
    const Period period = PeriodAt(sub.cycle(), usage.period_index, tz);
    usage.period_start = period.start;
    usage.period_end = period.end;
    ASSIGN_OR_RETURN(
        std::vector<AggregateRow> rows,
        tx.usage().ListAggregates(actor.tenant, sub.id, std::nullopt, usage.period_index));
    for (const Meter& meter : meters) {
      MeterUsage mu{meter, {}};
      if (meter.aggregation == Aggregation::kWeightedSum) {
        ASSIGN_OR_RETURN(mu.groups, WeightedUsage(tx, actor.tenant, sub.id, meter, period, now));
      } else {
        ASSIGN_OR_RETURN(mu.groups, FromAggregates(meter, rows));
      }
      if (!mu.groups.empty()) usage.meters.push_back(std::move(mu));
    }
    usage.subscription = std::move(sub);
    out.push_back(std::move(usage));
  }
  return out;
}

}  // namespace accrue
