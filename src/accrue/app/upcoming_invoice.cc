#include "accrue/app/upcoming_invoice.h"

#include <vector>

#include "accrue/app/customers.h"
#include "accrue/app/plans.h"
#include "accrue/app/rating.h"
#include "accrue/app/subscriptions.h"
#include "accrue/app/tenants.h"
#include "accrue/time/time_zone.h"

namespace accrue {

Result<Invoice> UpcomingInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                                SubscriptionId id) {
  ASSIGN_OR_RETURN(Subscription sub, GetSubscription(tx, actor, id));
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, sub.customer_id, "customer"));
  ASSIGN_OR_RETURN(Plan plan, GetPlan(tx, actor, sub.plan_id, "plan"));
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(customer.time_zone));
  const int net_terms = ResolveNetTermsDays(sub, customer, tenant.settings);
  if (sub.status == SubscriptionStatus::kCanceled) {
    ASSIGN_OR_RETURN(FinalUsageDraft final_usage,
                     BuildFinalUsageDraft(tx, services, sub, plan, customer, tz, net_terms,
                                          absl::InfiniteFuture()));
    if (final_usage.state != FinalUsageState::kReady) {
      return NotFound("invoice.upcoming_none",
                      "the subscription is canceled and nothing is left to bill", "id");
    }
    return std::move(final_usage.draft);
  }
  const absl::Time now = services.clock.Now();
  const int64_t current = PeriodIndexAt(sub.cycle(), now, tz);
  const int64_t index = current < 0 ? 0 : current + 1;
  const Period period = PeriodAt(sub.cycle(), index, tz);
  Invoice draft = BuildPeriodInvoice(
      sub, plan, customer, period, index, net_terms,
      DraftIds{services.NewId<InvoiceId>(), services.NewId<InvoiceLineId>()}, now);
  if (const std::optional<int64_t> usage_period = UsagePeriodBilledWith(index)) {
    RETURN_IF_ERROR(AddUsageLines(tx, services, sub, plan, tz,
                                  std::span<const int64_t>(&*usage_period, 1), draft));
  }
  return draft;
}

}  // namespace accrue
