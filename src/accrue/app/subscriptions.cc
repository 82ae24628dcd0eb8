#include "accrue/app/subscriptions.h"

#include "accrue/app/customers.h"
#include "accrue/app/plans.h"
#include "accrue/base/strings.h"
#include "accrue/time/time_zone.h"

namespace accrue {

Result<Subscription> CreateSubscription(StoreTx& tx, const Services& services, const Actor& actor,
                                        const SubscriptionFields& f) {
  if (!f.customer.has_value()) {
    return InvalidArgument("customer", "parameter.missing", "customer is required");
  }
  if (!f.plan.has_value()) return InvalidArgument("plan", "parameter.missing", "plan is required");
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, *f.customer, "customer"));
  ASSIGN_OR_RETURN(Plan plan, GetPlan(tx, actor, *f.plan, "plan"));
  if (plan.amount.currency() != customer.currency) {
    return InvalidArgument("plan", "subscription.currency_mismatch",
                           fmt::format("plan '{}' is priced in {} but the customer pays in {}",
                                       plan.code, plan.amount.currency().code(),
                                       customer.currency.code()));
  }
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(customer.time_zone));
  const absl::Time now = services.clock.Now();

  Subscription s;
  s.id = services.NewId<SubscriptionId>();
  s.tenant_id = actor.tenant;
  s.customer_id = customer.id;
  s.plan_id = plan.id;
  s.start_date = f.start_date.value_or(absl::ToCivilDay(now, tz));
  s.billing_anchor = s.start_date;
  s.interval_unit = plan.interval_unit;
  s.interval_count = plan.interval_count;
  s.next_period_index = 0;
  s.next_period_start = PeriodAt(s.cycle(), 0, tz).start;
  s.net_terms_days = f.net_terms_days;
  s.title = f.title.value_or("");
  s.description = f.description.value_or("");
  if (f.tags.has_value()) {
    Result<Tags> tags = NormalizeTags(*f.tags);
    if (!tags.ok()) return tags.status();
    s.tags = *std::move(tags);
  }
  s.metadata = f.metadata.value_or(Metadata{});
  s.created_at = now;
  RETURN_IF_ERROR(ValidateSubscription(s));
  RETURN_IF_ERROR(tx.subscriptions().Insert(s));
  return s;
}

Result<Subscription> GetSubscription(StoreTx& tx, const Actor& actor, SubscriptionId id,
                                     std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Subscription> found, tx.subscriptions().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("subscription.not_found", fmt::format("no subscription {}", id.ToString()),
                    param);
  }
  return *std::move(found);
}

Result<Page<Subscription>> ListSubscriptions(StoreTx& tx, const Actor& actor,
                                             std::optional<CustomerId> customer,
                                             const PageRequest& page) {
  return tx.subscriptions().List(actor.tenant, customer, page);
}

Result<Subscription> CancelSubscription(StoreTx& tx, const Services& services, const Actor& actor,
                                        SubscriptionId id) {
  ASSIGN_OR_RETURN(Subscription s, GetSubscription(tx, actor, id));
  if (s.status == SubscriptionStatus::kCanceled) {
    return WrongState("subscription.canceled", "the subscription is already canceled");
  }
  s.status = SubscriptionStatus::kCanceled;
  s.canceled_at = services.clock.Now();
  RETURN_IF_ERROR(tx.subscriptions().Update(s));
  return s;
}

}  // namespace accrue
