#include "accrue/domain/billing.h"

#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue {

std::vector<int64_t> DuePeriodIndices(const Subscription& sub, absl::TimeZone tz, absl::Time at,
                                      int max_periods) {
  std::vector<int64_t> due;
  if (sub.status != SubscriptionStatus::kActive || sub.next_period_start > at) return due;
  const BillingCycle cycle = sub.cycle();
  for (int64_t index = sub.next_period_index;
       static_cast<int>(due.size()) < max_periods; ++index) {
    if (PeriodAt(cycle, index, tz).start > at) break;
    due.push_back(index);
  }
  return due;
}

int ResolveNetTermsDays(const Subscription& sub, const Customer& customer,
                        const TenantSettings& settings) {
  if (sub.net_terms_days.has_value()) return *sub.net_terms_days;
  if (customer.net_terms_days.has_value()) return *customer.net_terms_days;
  return settings.default_net_terms_days;
}

BuyerSnapshot SnapshotBuyer(const Customer& customer) {
  return BuyerSnapshot{customer.name, customer.email, customer.address, customer.tax_ids};
}

Invoice BuildPeriodInvoice(const Subscription& sub, const Plan& plan, const Customer& customer,
                           const Period& period, int64_t period_index, int net_terms_days,
                           const DraftIds& ids, absl::Time now) {
  ACCRUE_CHECK(plan.amount.currency() == customer.currency,
               "subscriptions are only created for plans in the customer's currency");
  Invoice inv;
  inv.id = ids.invoice;
  inv.tenant_id = sub.tenant_id;
  inv.customer_id = sub.customer_id;
  inv.subscription_id = sub.id;
  inv.period_index = period_index;
  inv.currency = customer.currency;
  inv.title = sub.title.empty() ? plan.name : sub.title;
  inv.description = sub.description;
  inv.tags = sub.tags;
  inv.metadata = sub.metadata;
  inv.buyer = SnapshotBuyer(customer);
  inv.period_start = period.start;
  inv.period_end = period.end;
  inv.net_terms_days = net_terms_days;
  inv.created_at = now;
  inv.updated_at = now;

  InvoiceLine line;
  line.id = ids.line;
  // The end day shown is the last day of service (periods are half-open intervals).
  line.description = fmt::format("{} ({} – {})", plan.name, FormatDate(period.start_day),
                                 FormatDate(period.end_day - 1));
  line.quantity = Decimal::FromInt(1);
  line.unit_price = plan.amount.ToDecimal();
  // A fixed fee is already in minor units: quantity 1 × price needs no rounding.
  line.amount_minor = plan.amount.minor_units();
  line.period_start = period.start;
  line.period_end = period.end;
  line.plan_id = plan.id;
  inv.lines.push_back(std::move(line));
  Status totals = ComputeTotals(inv);
  ACCRUE_CHECK(totals.ok(), "a single validated fee cannot overflow");
  return inv;
}

}  // namespace accrue
