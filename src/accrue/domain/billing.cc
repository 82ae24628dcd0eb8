#include "accrue/domain/billing.h"

#include <algorithm>

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

namespace {

// Everything of a subscription's draft but its lines.
Invoice DraftHeader(const Subscription& sub, const Plan& plan, const Customer& customer,
                    int64_t period_index, absl::Time period_start, absl::Time period_end,
                    int net_terms_days, InvoiceId id, absl::Time now) {
  ACCRUE_CHECK(plan.amount.currency() == customer.currency,
               "subscriptions are only created for plans in the customer's currency");
  Invoice inv;
  inv.id = id;
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
  inv.period_start = period_start;
  inv.period_end = period_end;
  inv.net_terms_days = net_terms_days;
  inv.created_at = now;
  inv.updated_at = now;
  return inv;
}

// "API calls · region=eu, plan=pro (2026-01-01 – 2026-01-31)"
std::string UsageDescription(const Charge& charge, const GroupValues& group,
                             std::string_view suffix, const Period& period) {
  std::string out = charge.description.empty() ? charge.meter_code : charge.description;
  for (size_t i = 0; i < group.size(); ++i) {
    out += fmt::format("{}{}={}", i == 0 ? " · " : ", ", group[i].first, group[i].second);
  }
  out += suffix;
  out += fmt::format(" ({} – {})", FormatDate(period.start_day), FormatDate(period.end_day - 1));
  return out;
}

UsageLineDetails BaseDetails(const Charge& charge, int64_t usage_period_index) {
  UsageLineDetails d;
  d.charge_id = charge.id;
  d.meter_id = charge.meter_id;
  d.meter_code = charge.meter_code;
  d.model = charge.pricing.model();
  d.usage_period_index = usage_period_index;
  return d;
}

InvoiceLine UsageLine(InvoiceLineId id, const Plan& plan, const PricedCharge& pc,
                      const PricedGroup& g, const PeriodUsage& usage) {
  InvoiceLine line;
  line.id = id;
  line.description = UsageDescription(pc.charge, g.group, "", usage.period);
  line.quantity = g.priced.quantity;
  if (const auto* per_unit = std::get_if<PerUnitPricing>(&pc.charge.pricing.terms)) {
    line.unit_price = per_unit->unit_price;
  }
  line.amount_minor = g.amount_minor;  // rounded once, in PriceCharge (RoundLineAmount)
  line.period_start = usage.period.start;
  line.period_end = usage.period.end;
  line.plan_id = plan.id;
  UsageLineDetails d = BaseDetails(pc.charge, usage.period_index);
  d.group = g.group;
  d.quantity = g.priced.quantity;
  d.event_count = g.event_count;
  d.free_units = g.priced.free_units;
  d.billable_quantity = g.priced.billable_quantity;
  d.steps = g.priced.steps;
  d.exact_amount = g.priced.amount;
  line.usage = std::move(d);
  return line;
}

InvoiceLine AdjustmentLine(InvoiceLineId id, const Plan& plan, const PricedCharge& pc,
                           const PeriodAdjustment& adj, const PeriodUsage& usage,
                           Currency currency) {
  const bool minimum = adj.kind == PeriodLimitKind::kMinimum;
  InvoiceLine line;
  line.id = id;
  line.description = UsageDescription(
      pc.charge, {}, minimum ? " — minimum charge true-up" : " — maximum charge cap", usage.period);
  line.quantity = Decimal::FromInt(1);
  line.unit_price = Money::FromMinor(adj.amount_minor, currency).ToDecimal();
  line.amount_minor = adj.amount_minor;  // exact: limit − Σ rounded lines
  line.period_start = usage.period.start;
  line.period_end = usage.period.end;
  line.plan_id = plan.id;
  UsageLineDetails d = BaseDetails(pc.charge, usage.period_index);
  d.kind = minimum ? UsageLineKind::kMinimumTrueUp : UsageLineKind::kMaximumCap;
  d.limit_minor = adj.limit_minor;
  d.charge_lines_minor = adj.lines_minor;
  line.usage = std::move(d);
  return line;
}

}  // namespace

Invoice BuildPeriodInvoice(const Subscription& sub, const Plan& plan, const Customer& customer,
                           const Period& period, int64_t period_index, int net_terms_days,
                           const DraftIds& ids, absl::Time now) {
  Invoice inv = DraftHeader(sub, plan, customer, period_index, period.start, period.end,
                            net_terms_days, ids.invoice, now);
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

size_t UsageLineCount(const PeriodUsage& usage) {
  size_t n = 0;
  for (const PricedCharge& pc : usage.charges) {
    n += pc.groups.size() + (pc.adjustment.has_value() ? 1 : 0);
  }
  return n;
}

Status AppendUsageLines(Invoice& draft, const Plan& plan, const PeriodUsage& usage,
                        std::span<const InvoiceLineId> line_ids) {
  ACCRUE_CHECK(line_ids.size() == UsageLineCount(usage), "one id per usage line");
  if (draft.lines.size() + line_ids.size() > kInvoiceLinesMax) {
    return LimitExceeded("invoice.too_many_lines",
                         fmt::format("the usage of period {} needs {} lines; an invoice has at "
                                     "most {}",
                                     usage.period_index, line_ids.size(), kInvoiceLinesMax));
  }
  size_t next = 0;
  for (const PricedCharge& pc : usage.charges) {
    for (const PricedGroup& g : pc.groups) {
      draft.lines.push_back(UsageLine(line_ids[next++], plan, pc, g, usage));
    }
    if (pc.adjustment.has_value()) {
      draft.lines.push_back(
          AdjustmentLine(line_ids[next++], plan, pc, *pc.adjustment, usage, draft.currency));
    }
  }
  return ComputeTotals(draft);
}

std::optional<FinalUsage> FinalUsagePeriods(const Subscription& sub, absl::TimeZone tz) {
  if (sub.status != SubscriptionStatus::kCanceled || !sub.canceled_at.has_value()) {
    return std::nullopt;
  }
  const BillingCycle cycle = sub.cycle();
  const int64_t last = PeriodIndexAt(cycle, *sub.canceled_at, tz);
  // A subscription that never billed a period has no earlier invoice to carry usage.
  int64_t first = std::max<int64_t>(0, sub.next_period_index - 1);
  if (last < 0 || first > last) return std::nullopt;
  // Bounded like a billing run's due periods: the most recent ones.
  first = std::max<int64_t>(first, last - kDuePeriodsPerRunMax + 1);
  return FinalUsage{first, last, last + 1, PeriodAt(cycle, last, tz).end};
}

Invoice BuildFinalUsageInvoice(const Subscription& sub, const Plan& plan, const Customer& customer,
                               const FinalUsage& final_usage, absl::TimeZone tz,
                               int net_terms_days, InvoiceId id, absl::Time now) {
  const BillingCycle cycle = sub.cycle();
  Invoice inv = DraftHeader(sub, plan, customer, final_usage.billing_index,
                            PeriodAt(cycle, final_usage.first_period, tz).start,
                            PeriodAt(cycle, final_usage.last_period, tz).end, net_terms_days, id,
                            now);
  Status totals = ComputeTotals(inv);
  ACCRUE_CHECK(totals.ok(), "an invoice without lines cannot overflow");
  return inv;
}

}  // namespace accrue
