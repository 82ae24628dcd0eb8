#include "accrue/storage/sqlite/charge_repository.h"
#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, code, name, description, currency, amount_minor, interval_unit, "
    "interval_count, metadata, created_at_us";

Result<Plan> ReadPlan(const Statement& st) {
  Plan p;
  p.tenant_id = ColumnId<TenantId>(st, 0);
  p.id = ColumnId<PlanId>(st, 1);
  p.code = st.ColumnText(2);
  p.name = st.ColumnText(3);
  p.description = st.ColumnText(4);
  ASSIGN_OR_RETURN(Currency currency, ColumnCurrency(st, 5, "plans"));
  p.amount = Money::FromMinor(st.ColumnInt(6), currency);
  Result<IntervalUnit> unit = ParseIntervalUnit(st.ColumnTextView(7));
  if (!unit.ok()) return CorruptRow("plans", "interval unit");
  p.interval_unit = *unit;
  p.interval_count = static_cast<int>(st.ColumnInt(8));
  ASSIGN_OR_RETURN(p.metadata, DecodeMetadata(st.ColumnTextView(9)));
  p.created_at = ColumnTime(st, 10);
  return p;
}

// A plan is read with its charges (they are part of the plan).
Result<std::optional<Plan>> ReadOne(Connection& c, Statement& st) {
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Plan>();
  ASSIGN_OR_RETURN(Plan p, ReadPlan(st));
  st.Reset();
  RETURN_IF_ERROR(LoadPlanCharges(c, p));
  return std::optional<Plan>(std::move(p));
}

}  // namespace

Status SqlitePlanRepository::Insert(const Plan& p) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format(
                       "INSERT INTO plans ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns)));
  BindId(*st, 1, p.tenant_id);
  BindId(*st, 2, p.id);
  st->Bind(3, p.code).Bind(4, p.name).Bind(5, p.description);
  st->Bind(6, p.amount.currency().code()).Bind(7, p.amount.minor_units());
  st->Bind(8, IntervalUnitName(p.interval_unit)).Bind(9, p.interval_count);
  st->Bind(10, EncodeMetadata(p.metadata)).Bind(11, Micros(p.created_at));
  Status s = st->Run();
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return Conflict("plan.code_taken", fmt::format("a plan with code '{}' exists", p.code), "code");
  }
  RETURN_IF_ERROR(s);
  return InsertPlanCharges(c_, p);
}

Result<std::optional<Plan>> SqlitePlanRepository::Find(TenantId tenant, PlanId id) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(fmt::format(
                                       "SELECT {} FROM plans WHERE tenant_id = ? AND id = ?",
                                       kColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  return ReadOne(c_, *st);
}

Result<std::optional<Plan>> SqlitePlanRepository::FindByCode(TenantId tenant,
                                                             std::string_view code) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(fmt::format(
                                       "SELECT {} FROM plans WHERE tenant_id = ? AND code = ?",
                                       kColumns)));
  BindId(*st, 1, tenant);
  st->Bind(2, code);
  return ReadOne(c_, *st);
}

Result<Page<Plan>> SqlitePlanRepository::List(TenantId tenant, const PageRequest& page) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM plans WHERE tenant_id = ?1 AND "
                                          "id < ?2 ORDER BY id DESC LIMIT ?3",
                                          kColumns)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  ASSIGN_OR_RETURN(Page<Plan> out, ReadPage<Plan>(*st, page.limit, ReadPlan));
  st->Reset();
  for (Plan& p : out.items) RETURN_IF_ERROR(LoadPlanCharges(c_, p));
  return out;
}

}  // namespace accrue::sqlite
