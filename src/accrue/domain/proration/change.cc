#include "accrue/domain/proration/change.h"

#include <fmt/format.h>

#include <algorithm>

#include "accrue/base/check.h"
#include "accrue/domain/pricing/exact_amount.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

// What one line bills: a price at a quantity over [from, to) of cycle period `index`.
struct LineSpec {
  LineKind kind;
  std::string_view label;  // "Unused time on", "Remaining time on", "" (a period's fee)
  const RecurringPrice* price;
  Decimal unit_price;
  Decimal quantity;
  int64_t index;
  absl::Time from;
  absl::Time to;
};

// "2026-03-29 03:00:00"
std::string WallClock(absl::CivilSecond t) {
  return fmt::format("{} {:02}:{:02}:{:02}", FormatDate(absl::CivilDay(t)), t.hour(), t.minute(),
                     t.second());
}

// Local wall-clock text for a line: days in day mode (the last day inclusive, as on period
// invoices), seconds otherwise (the end exclusive), so the reader sees exactly what was counted.
std::string Interval(absl::Time from, absl::Time to, const Period& period,
                     const SubscriptionTerms& terms, ProrationUnit unit) {
  const absl::CivilSecond a = absl::ToCivilSecond(from, terms.tz);
  if (unit == ProrationUnit::kDay) {
    const absl::CivilDay last =
        (to == period.end ? period.end_day : absl::CivilDay(absl::ToCivilSecond(to, terms.tz))) - 1;
    return fmt::format("{} – {}", FormatDate(absl::CivilDay(a)), FormatDate(last));
  }
  return fmt::format("{} – {} {}", WallClock(a), WallClock(absl::ToCivilSecond(to, terms.tz)),
                     terms.tz.name());
}

Result<ProratedLine> MakeLine(const LineSpec& spec, const SubscriptionTerms& terms,
                              const ProrationOptions& options) {
  const Period period = CyclePeriod(terms.cycle, spec.index, terms.tz);
  const absl::CivilDay from_day(absl::ToCivilSecond(spec.from, terms.tz));
  const absl::CivilDay to_day = spec.to == period.end
                                    ? period.end_day
                                    : absl::CivilDay(absl::ToCivilSecond(spec.to, terms.tz));
  const Period base =
      StubBasePeriod(terms.cycle, period, from_day, to_day, options.stub_base, terms.tz);
  ASSIGN_OR_RETURN(const ProrationFactor factor,
                   FactorWithin(base, spec.from, spec.to, options.unit, terms.tz));
  ASSIGN_OR_RETURN(Money amount, ProratedAmount(spec.unit_price, spec.quantity, factor,
                                                terms.currency, options.rounding));
  ProratedLine line;
  line.kind = spec.kind;
  const std::string interval = Interval(spec.from, spec.to, period, terms, options.unit);
  if (!spec.label.empty()) {
    line.description = fmt::format("{} {} ({})", spec.label, spec.price->name, interval);
  } else if (factor.IsWhole()) {
    line.description = fmt::format("{} ({})", spec.price->name, interval);
  } else {
    line.description = fmt::format("{}, prorated ({})", spec.price->name, interval);
  }
  line.period_start = spec.from;
  line.period_end = spec.to;
  line.base = base;
  line.quantity = spec.quantity;
  line.unit_price = spec.unit_price;
  line.proration = factor;
  line.amount = spec.kind == LineKind::kCredit ? amount.Negated() : amount;
  line.plan_id = spec.price->plan_id;
  return line;
}

Status CheckQuantity(Decimal quantity) {
  if (quantity.Sign() <= 0) {
    return InvalidArgument("quantity", "quantity.not_positive",
                           fmt::format("quantity must be positive, not {}", quantity.ToString()));
  }
  return OkStatus();
}

Result<Money> Total(const std::vector<ProratedLine>& lines, Currency currency) {
  Money total = Money::FromMinor(0, currency);
  for (const ProratedLine& line : lines) {
    ASSIGN_OR_RETURN(total, Money::Add(total, line.amount));
  }
  return total;
}

// The state of the change being planned: the current period and the result so far.
struct Planner {
  const SubscriptionTerms& current;
  const ProrationOptions& options;
  absl::Time at;
  Period period;
  ChangePlan plan;

  // The credit for [at, period end) at the current terms, added when `enabled`.
  Status CreditUnused(bool enabled) {
    if (!enabled) return OkStatus();
    ASSIGN_OR_RETURN(const Decimal unit_price, PriceIn(current.price, current.currency));
    return Add(LineSpec{LineKind::kCredit, "Unused time on", &current.price, unit_price,
                        current.quantity, current.current_period_index, at, period.end});
  }
  Status ChargeRemaining(const SubscriptionTerms& next, int64_t index, absl::Time from,
                         absl::Time to) {
    ASSIGN_OR_RETURN(const Decimal unit_price, PriceIn(next.price, next.currency));
    return Add(LineSpec{LineKind::kCharge, "Remaining time on", &next.price, unit_price,
                        next.quantity, index, from, to});
  }
  Status Add(const LineSpec& spec) {
    ASSIGN_OR_RETURN(ProratedLine line, MakeLine(spec, current, options));
    plan.lines.push_back(std::move(line));
    return OkStatus();
  }
  // Switches to `next` now (credit the old terms, charge the new) or at the period end.
  Status Switch(const SubscriptionTerms& next, bool immediately) {
    plan.terms = next;
    if (!immediately) {
      plan.effective_at = period.end;
      return OkStatus();
    }
    RETURN_IF_ERROR(CreditUnused(true));
    return ChargeRemaining(next, current.current_period_index, at, period.end);
  }
};

// Upgrade: the new terms cost at least as much per period as the old ones.
Result<bool> IsUpgrade(const SubscriptionTerms& from, const SubscriptionTerms& to) {
  ASSIGN_OR_RETURN(const Decimal old_price, PriceIn(from.price, from.currency));
  ASSIGN_OR_RETURN(const Decimal new_price, PriceIn(to.price, to.currency));
  ASSIGN_OR_RETURN(const ExactAmount old_amount, ExactAmount::Product(old_price, from.quantity));
  ASSIGN_OR_RETURN(const ExactAmount new_amount, ExactAmount::Product(new_price, to.quantity));
  return new_amount >= old_amount;
}

Status Apply(Planner& p, const PriceChange& change) {
  SubscriptionTerms next = p.current;
  next.price = change.price;
  if (change.quantity.has_value()) {
    RETURN_IF_ERROR(CheckQuantity(*change.quantity));
    next.quantity = *change.quantity;
  }
  // Checked before anything else so a plan sold in other currencies is a clear error.
  RETURN_IF_ERROR(PriceIn(next.price, next.currency).status());
  bool immediately = change.timing == ChangeTiming::kImmediately;
  if (change.timing == ChangeTiming::kDefault) {
    ASSIGN_OR_RETURN(immediately, IsUpgrade(p.current, next));
  }
  return p.Switch(next, immediately);
}

Status Apply(Planner& p, const QuantityChange& change) {
  RETURN_IF_ERROR(CheckQuantity(change.quantity));
  SubscriptionTerms next = p.current;
  next.quantity = change.quantity;
  return p.Switch(next, change.timing != ChangeTiming::kPeriodEnd);
}

Status Apply(Planner& p, const Cancellation& change) {
  p.plan.terms.status = SubscriptionStatus::kCanceled;
  // A paused subscription has no paid period left to run out (its unused time was settled when
  // it paused), so it ends at once and nothing is credited twice.
  if (p.current.paused_at.has_value()) return OkStatus();
  if (change.timing != ChangeTiming::kImmediately) {
    p.plan.effective_at = p.period.end;
    return OkStatus();
  }
  return p.CreditUnused(change.prorated_credit);
}

Status Apply(Planner& p, const Pause& change) {
  p.plan.terms.paused_at = p.at;
  return p.CreditUnused(change.credit_unused);
}

Status Apply(Planner& p, const Resume&) {
  ASSIGN_OR_RETURN(const int64_t index, CyclePeriodIndex(p.current.cycle, p.at, p.current.tz));
  const Period period = CyclePeriod(p.current.cycle, index, p.current.tz);
  p.plan.terms.paused_at.reset();
  p.plan.terms.current_period_index = index;
  return p.ChargeRemaining(p.current, index, p.at, period.end);
}

Status CheckState(const SubscriptionTerms& current, const SubscriptionChange& change) {
  if (current.status == SubscriptionStatus::kCanceled) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "subscription.canceled",
                     "a canceled subscription cannot be changed", "status");
  }
  const bool paused = current.paused_at.has_value();
  const bool resume = std::holds_alternative<Resume>(change);
  const bool pause = std::holds_alternative<Pause>(change);
  if (paused && !resume && !std::holds_alternative<Cancellation>(change)) {
    return MakeError(absl::StatusCode::kFailedPrecondition,
                     pause ? "subscription.already_paused" : "subscription.paused",
                     "a paused subscription can only be resumed or canceled", "status");
  }
  if (!paused && resume) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "subscription.not_paused",
                     "only a paused subscription can be resumed", "status");
  }
  return OkStatus();
}

// The stored terms a plan starts from; a violation is bad data, reported rather than aborting
// in the period arithmetic below. The current period index is checked by the change planner,
// the only one that uses it.
Status ValidateTerms(const SubscriptionTerms& terms) {
  {
    Status cycle = ValidateBillingCycle(terms.cycle);
    if (!cycle.ok()) return WithParamPrefix(cycle, "cycle");
  }
  RETURN_IF_ERROR(CheckQuantity(terms.quantity));
  return PriceIn(terms.price, terms.currency).status();
}

}  // namespace

Result<Decimal> PriceIn(const RecurringPrice& price, Currency currency) {
  for (const CurrencyPrice& p : price.prices) {
    if (p.currency == currency) return p.unit_price;
  }
  return InvalidArgument("price", "plan.currency_mismatch",
                         fmt::format("plan '{}' has no price in {}, the customer's currency",
                                     price.name, currency.code()));
}

Result<ChangePlan> PlanSubscriptionChange(const SubscriptionTerms& current,
                                          const SubscriptionChange& change, absl::Time at,
                                          const ProrationOptions& options) {
  RETURN_IF_ERROR(ValidateTerms(current));
  if (current.current_period_index < -1 || current.current_period_index > kPeriodIndexMax) {
    return InvalidArgument(
        "current_period_index", "parameter.out_of_range",
        fmt::format("current_period_index is between -1 and {}", kPeriodIndexMax));
  }
  RETURN_IF_ERROR(CheckState(current, change));
  const Period period = CyclePeriod(current.cycle, current.current_period_index, current.tz);
  Planner p{current, options, at, period, ChangePlan{}};
  p.plan.terms = current;
  p.plan.effective_at = at;
  p.plan.total = Money::FromMinor(0, current.currency);
  if (current.paused_at.has_value()) {
    // Paused: the paid period may be long past; what matters is that time runs forward.
    if (at < *current.paused_at) {
      return InvalidArgument(
          "at", "subscription.change_before_pause",
          fmt::format("the subscription was paused at {}", FormatInstant(*current.paused_at)));
    }
  } else if (at < p.period.start || at >= p.period.end) {
    // A change belongs to the period the customer has paid for; a later instant means the
    // billing run has not billed that period yet and must run first.
    return InvalidArgument(
        "at", "subscription.change_outside_period",
        fmt::format("the change at {} is outside the current period {} – {}", FormatInstant(at),
                    FormatInstant(p.period.start), FormatInstant(p.period.end)));
  }
  RETURN_IF_ERROR(std::visit([&p](const auto& c) { return Apply(p, c); }, change));
  ASSIGN_OR_RETURN(p.plan.total, Total(p.plan.lines, current.currency));
  return std::move(p.plan);
}

Result<BilledPeriods> PlanPeriodsInAdvance(const SubscriptionTerms& terms, absl::Time start,
                                           std::optional<absl::Time> end, absl::Time through,
                                           const ProrationOptions& options) {
  RETURN_IF_ERROR(ValidateTerms(terms));
  ASSIGN_OR_RETURN(const Decimal unit_price, PriceIn(terms.price, terms.currency));
  if (through < start) {
    return InvalidArgument("through", "proration.through_before_start",
                           "periods are billed from the start on");
  }
  if (end.has_value() && *end < start) {
    return InvalidArgument("end", "proration.end_before_start", "the end precedes the start");
  }
  Result<int64_t> first = CyclePeriodIndex(terms.cycle, start, terms.tz);
  if (!first.ok()) {
    return InvalidArgument("start", "proration.before_first_period",
                           std::string(first.status().message()));
  }
  ASSIGN_OR_RETURN(const int64_t last, CyclePeriodIndex(terms.cycle, through, terms.tz));
  if (last - *first + 1 > kBackdatedPeriodsMax) {
    return LimitExceeded("subscription.backdated_too_far",
                         fmt::format("a start {} periods back bills more than {} periods at once",
                                     last - *first + 1, kBackdatedPeriodsMax),
                         "start");
  }
  // Billed in advance: through the end of the period containing `through`, cut at `end`.
  absl::Time billed_end = CyclePeriod(terms.cycle, last, terms.tz).end;
  if (end.has_value() && *end < billed_end) billed_end = *end;
  BilledPeriods out;
  out.next_period_index = *first;
  for (int64_t index = *first; index <= last; ++index) {
    const Period period = CyclePeriod(terms.cycle, index, terms.tz);
    const absl::Time from = std::max(start, period.start);
    const absl::Time to = std::min(billed_end, period.end);
    if (from >= to) break;
    ASSIGN_OR_RETURN(ProratedLine line,
                     MakeLine(LineSpec{LineKind::kCharge, "", &terms.price, unit_price,
                                       terms.quantity, index, from, to},
                              terms, options));
    out.lines.push_back(std::move(line));
    out.next_period_index = index + 1;
  }
  ASSIGN_OR_RETURN(out.total, Total(out.lines, terms.currency));
  return out;
}

}  // namespace accrue
