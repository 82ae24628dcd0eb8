#include "accrue/app/plans.h"

#include "accrue/app/fields.h"
#include "accrue/base/strings.h"
#include "accrue/money/money.h"

namespace accrue {

Result<Plan> CreatePlan(StoreTx& tx, const Services& services, const Actor& actor,
                        const PlanFields& f) {
  Plan p;
  p.id = services.NewId<PlanId>();
  p.tenant_id = actor.tenant;
  ASSIGN_OR_RETURN(p.code, Required(f.code, "code"));
  ASSIGN_OR_RETURN(p.name, Required(f.name, "name"));
  p.description = f.description.value_or("");
  ASSIGN_OR_RETURN(std::string currency_code, Required(f.currency, "currency"));
  Result<Currency> currency = Currency::Find(currency_code);
  if (!currency.ok()) return WithParamPrefix(currency.status(), "currency");
  ASSIGN_OR_RETURN(std::string amount_text, Required(f.amount, "amount"));
  Result<Money> amount = Money::ParseExact(amount_text, *currency);
  if (!amount.ok()) return WithParamPrefix(amount.status(), "amount");
  p.amount = *amount;
  Result<IntervalUnit> unit = ParseIntervalUnit(f.interval.value_or("month"));
  if (!unit.ok()) return WithParamPrefix(unit.status(), "interval");
  p.interval_unit = *unit;
  p.interval_count = f.interval_count.value_or(1);
  p.metadata = f.metadata.value_or(Metadata{});
  p.created_at = services.clock.Now();
  RETURN_IF_ERROR(ValidatePlan(p));
  if (f.charges.has_value()) {
    ASSIGN_OR_RETURN(p.charges, BuildCharges(tx, services, actor, p.amount.currency(), *f.charges));
  }
  ASSIGN_OR_RETURN(std::optional<Plan> existing, tx.plans().FindByCode(actor.tenant, p.code));
  if (existing.has_value()) {
    return Conflict("plan.code_taken", fmt::format("a plan with code '{}' exists", p.code),
                    "code");
  }
  RETURN_IF_ERROR(tx.plans().Insert(p));
  return p;
}

Result<Plan> GetPlan(StoreTx& tx, const Actor& actor, PlanId id, std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Plan> found, tx.plans().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("plan.not_found", fmt::format("no plan {}", id.ToString()), param);
  }
  return *std::move(found);
}

Result<Page<Plan>> ListPlans(StoreTx& tx, const Actor& actor, const PageRequest& page) {
  return tx.plans().List(actor.tenant, page);
}

}  // namespace accrue
