// The pure invoice generator for subscriptions: (subscription, plan, customer, period) → draft.
// No I/O, no clock: ids and `now` are passed in, so the same inputs always give the same invoice
// and the billing run can compute invoices on any thread.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "absl/time/time.h"
#include "accrue/domain/customer.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/plan.h"
#include "accrue/domain/pricing/charge.h"
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

// --- Usage, billed in arrears -----------------------------------------------------------------
// The draft of period i (fixed fee of i, billed in advance) also carries the usage of period
// i-1, priced by the caller (app/rating.h reads the quantities; domain/pricing prices them) and
// passed in here, so this generator stays pure.

// One period's usage, priced: one PricedCharge per plan charge, in the plan's order.
struct PeriodUsage {
  int64_t period_index = 0;  // the usage period (the draft's period_index − 1, or a final one)
  Period period;
  std::vector<PricedCharge> charges;
};

// How many lines AppendUsageLines adds: one per charge and group, plus one per adjustment.
size_t UsageLineCount(const PeriodUsage& usage);

// Appends the usage lines (description naming the charge, the group values and the period;
// quantity; the pricing steps in `usage`) after the draft's existing lines, using `line_ids`
// (exactly UsageLineCount(usage) of them), and recomputes the totals. Errors: LimitExceeded
// "invoice.too_many_lines" beyond kInvoiceLinesMax; "amount.overflow".
Status AppendUsageLines(Invoice& draft, const Plan& plan, const PeriodUsage& usage,
                        std::span<const InvoiceLineId> line_ids);

// The final-usage rule for a canceled subscription. Usage of period k is normally billed when
// period k+1 starts; a canceled subscription has no period k+1, so once the period in which it
// was canceled has ended, one last invoice bills the usage not billed yet: the periods from
// max(0, next_period_index − 1) to the one containing canceled_at. That invoice has no fixed fee
// and takes the billing position `billing_index` = last usage period + 1, the index the next
// regular invoice would have had, so the store's one-invoice-per-period rule makes it unique;
// writing it moves next_period_index to billing_index + 1, after which this returns nothing.
struct FinalUsage {
  int64_t first_period = 0;
  int64_t last_period = 0;
  int64_t billing_index = 0;
  absl::Time due_at;  // the end of last_period
};
// Empty when the subscription is active, or nothing is left to bill (it was canceled before its
// first period started, or a period after the cancellation was already invoiced).
std::optional<FinalUsage> FinalUsagePeriods(const Subscription& subscription, absl::TimeZone tz);

// A draft with no lines for the final usage invoice (add them with AppendUsageLines); its period
// spans the usage periods billed.
Invoice BuildFinalUsageInvoice(const Subscription& subscription, const Plan& plan,
                               const Customer& customer, const FinalUsage& final_usage,
                               absl::TimeZone tz, int net_terms_days, InvoiceId id,
                               absl::Time now);

}  // namespace accrue
