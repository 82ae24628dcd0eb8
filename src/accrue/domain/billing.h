// The pure invoice generator for subscriptions: (subscription, plan, customer, period) → draft.
// No I/O, no clock: ids and `now` are passed in, so the same inputs always give the same invoice
// and the billing run can compute invoices on any thread.
#pragma once

#include <vector>

#include "absl/time/time.h"
#include "accrue/domain/customer.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/plan.h"
#include "accrue/domain/subscription.h"
#include "accrue/domain/tenant.h"
#include "accrue/time/billing_period.h"

namespace accrue {

// The most periods one billing run invoices for one subscription (a backdated start can owe many).
// The rest are billed by the next run.
inline constexpr int kDuePeriodsPerRunMax = 120;

// Indices of the subscription's periods that have started at `at` and are not invoiced yet
// (fixed fees are billed in advance: a period is due when it starts), oldest first.
std::vector<int64_t> DuePeriodIndices(const Subscription& subscription, absl::TimeZone tz,
                                      absl::Time at, int max_periods = kDuePeriodsPerRunMax);

// Net terms: the subscription's, else the customer's, else the tenant default.
int ResolveNetTermsDays(const Subscription& subscription, const Customer& customer,
                        const TenantSettings& settings);

struct DraftIds {
  InvoiceId invoice;
  InvoiceLineId line;
};

// Builds the draft for one period: one line for the plan's fee over the period, the buyer
// snapshot, title, description, tags and metadata from the subscription, and its totals.
Invoice BuildPeriodInvoice(const Subscription& subscription, const Plan& plan,
                           const Customer& customer, const Period& period, int64_t period_index,
                           int net_terms_days, const DraftIds& ids, absl::Time now);

// The buyer as shown on a document issued now.
BuyerSnapshot SnapshotBuyer(const Customer& customer);

}  // namespace accrue
