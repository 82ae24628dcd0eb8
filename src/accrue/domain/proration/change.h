// Subscription changes and the prorated lines they produce: upgrades, downgrades, seat changes,
// cancellations, pause and resume, calendar-anchor first periods and backdated starts.
//
// Pure planning: the caller (the subscription use case) loads the subscription's current terms,
// calls PlanSubscriptionChange or PlanPeriodsInAdvance with the instant of the change, writes the
// returned lines onto an invoice and stores the returned terms, all in one transaction. Nothing
// here reads a clock or a store.
//
// Fixed fees are billed in advance, so at any instant the customer has paid for the current
// period (terms.current_period_index) at the current price and quantity. A change at `at`
// therefore produces, for the rest of that period [at, period end):
//   - a credit line: −unit_price_old × quantity_old × factor, "Unused time on <old plan>", and
//   - a charge line: +unit_price_new × quantity_new × factor, "Remaining time on <new plan>",
// each naming its service interval, the billing period the factor is a share of, the factor
// (exact used/total) and its amount, rounded once (factor.h). A change deferred to the period
// end produces no lines: the regular billing run bills the next period at the new terms.
//
// Defaults (ChangeTiming::kDefault), as in Stripe: a price change that does not lower the
// per-period amount (an upgrade) applies immediately; one that lowers it (a downgrade) at the
// period end. A quantity change applies immediately. A cancellation applies at the period end;
// an immediate one credits the unused time unless asked not to. Pausing credits the unused time
// of the current period; resuming charges the rest of the period the resume falls in, and the
// billing run continues on the same anchor from the next period.
//
// Thread-safe: value types and pure functions.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/proration/factor.h"
#include "accrue/domain/proration/periods.h"
#include "accrue/domain/subscription.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"
#include "accrue/time/billing_period.h"

namespace accrue {

// One plan version's recurring fee per period, in each currency it is sold in.
struct CurrencyPrice {
  Currency currency;
  Decimal unit_price;  // per unit (seat) and period, full precision
};
struct RecurringPrice {
  std::optional<PlanId> plan_id;
  std::string name;  // shown on the lines: "Pro"
  std::vector<CurrencyPrice> prices;
};

// The unit price in `currency`. InvalidArgument, param "price", reason "plan.currency_mismatch"
// when the plan is not sold in that currency.
Result<Decimal> PriceIn(const RecurringPrice& price, Currency currency);

// What a subscription is now.
struct SubscriptionTerms {
  SubscriptionStatus status = SubscriptionStatus::kActive;
  std::optional<absl::Time> paused_at;  // set while paused
  // The customer's currency: every line is in it, and every price must exist in it.
  Currency currency = Currency::FromCodeOrDie("EUR");
  RecurringPrice price;
  Decimal quantity = Decimal::FromInt(1);
  BillingCycle cycle;
  absl::TimeZone tz;
  // The period most recently billed in advance (−1: the stub before a calendar anchor).
  int64_t current_period_index = 0;
};

// Half-up, as every invoice line amount in Accrue (invoice.h); callers that follow a contract
// with another rule pass their own.
inline constexpr RoundingMode kProrationRoundingDefault = RoundingMode::kHalfUp;

struct ProrationOptions {
  ProrationUnit unit = ProrationUnit::kSecond;
  RoundingMode rounding = kProrationRoundingDefault;
  StubBase stub_base = StubBase::kCycle;
};

enum class LineKind { kCharge, kCredit };

// An invoice line in the making: everything a prorated line shows about itself.
struct ProratedLine {
  LineKind kind = LineKind::kCharge;
  std::string description;
  absl::Time period_start;  // the service interval charged or credited
  absl::Time period_end;    // exclusive
  Period base;              // the billing period the factor is a share of
  Decimal quantity;
  Decimal unit_price;
  ProrationFactor proration;
  Money amount = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // negative for credits
  std::optional<PlanId> plan_id;
};

enum class ChangeTiming { kDefault, kImmediately, kPeriodEnd };

struct PriceChange {  // upgrade or downgrade, optionally with a new quantity
  RecurringPrice price;
  std::optional<Decimal> quantity;
  ChangeTiming timing = ChangeTiming::kDefault;
};
struct QuantityChange {  // seats
  Decimal quantity;
  ChangeTiming timing = ChangeTiming::kDefault;
};
struct Cancellation {
  ChangeTiming timing = ChangeTiming::kDefault;  // default: at the period end
  bool prorated_credit = true;                   // for an immediate cancellation
};
struct Pause {
  bool credit_unused = true;
};
struct Resume {};

using SubscriptionChange = std::variant<PriceChange, QuantityChange, Cancellation, Pause, Resume>;

struct ChangePlan {
  std::vector<ProratedLine> lines;  // to invoice at the change (credits first); may be empty
  absl::Time effective_at;          // the change instant, or the current period's end
  SubscriptionTerms terms;          // the terms from effective_at on
  Money total = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // Σ line amounts
};

// Plans `change` at `at`. Errors (nothing is planned):
//   FailedPrecondition "subscription.canceled" (param "status") on a canceled subscription;
//   "subscription.paused" for a price or quantity change while paused, "subscription.
//   already_paused" for a second pause, "subscription.not_paused" for a resume (all param
//   "status");
//   InvalidArgument "subscription.change_outside_period" (param "at") when `at` is not inside
//   the current period; "quantity.not_positive" (param "quantity"); "plan.currency_mismatch"
//   (param "price") when the new price is not sold in the customer's currency;
//   "subscription.change_before_pause" (param "at") for a resume or cancellation of a paused
//   subscription before the pause; "amount.overflow" for absurd prices.
// While paused, the period check does not apply, and a cancellation takes effect at once with
// no credit (the pause already credited the unused time).
Result<ChangePlan> PlanSubscriptionChange(const SubscriptionTerms& current,
                                          const SubscriptionChange& change, absl::Time at,
                                          const ProrationOptions& options);

// The most periods one call bills for a backdated start (like the billing run's limit).
inline constexpr int kBackdatedPeriodsMax = 120;

struct BilledPeriods {
  std::vector<ProratedLine> lines;  // oldest first; partial periods prorated
  int64_t next_period_index = 0;    // the first period not billed: the billing run's position
  Money total = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));
};

// Everything owed in advance at `through` for service from `start` to `end` (exclusive; none:
// open-ended) under `terms` (price, quantity, cycle; status and current period are ignored):
// each period or part of a period from `start` to the end of the period containing `through`,
// cut at `end`. Covers the calendar-anchor first period (start before the anchor: a prorated
// stub) and backdated starts (start in the past: every past period, then the current one).
// Errors: InvalidArgument "proration.through_before_start" (param "through"), "proration.
// end_before_start" (param "end"), "proration.before_first_period" (param "start": more than one
// period before the anchor), "quantity.not_positive", "plan.currency_mismatch"; ResourceExhausted
// "subscription.backdated_too_far" (param "start") beyond kBackdatedPeriodsMax periods.
Result<BilledPeriods> PlanPeriodsInAdvance(const SubscriptionTerms& terms, absl::Time start,
                                           std::optional<absl::Time> end, absl::Time through,
                                           const ProrationOptions& options);

}  // namespace accrue
