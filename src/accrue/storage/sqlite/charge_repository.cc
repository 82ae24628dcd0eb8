#include "accrue/storage/sqlite/charge_repository.h"

#include "absl/strings/numbers.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kChargeColumns[] =
    "tenant_id, plan_id, position, id, meter_id, meter_code, description, model, unit_price, "
    "tiers, package_size, package_price, rate_percent, fixed_fee_minor, free_units, "
    "min_amount_minor, max_amount_minor";
constexpr std::string_view kDetailsVersion = "usage/1";
constexpr size_t kTierFields = 4;
constexpr size_t kStepFields = 9;

Status Corrupt(std::string_view what) { return CorruptRow("plan_charges", what); }
Status CorruptLine(std::string_view what) { return CorruptRow("invoice_lines", what); }

std::string Text(const std::optional<Decimal>& d) { return d.has_value() ? d->ToString() : ""; }

// Reads the strings of an encoded list one at a time; running out is corruption.
class Cursor {
 public:
  Cursor(std::vector<std::string> items, std::string_view table)
      : items_(std::move(items)), table_(table) {}
  Result<std::string> Next() {
    if (next_ == items_.size()) return CorruptRow(table_, "encoded list too short");
    return items_[next_++];
  }
  Result<Decimal> NextDecimal() {
    ASSIGN_OR_RETURN(std::string s, Next());
    Result<Decimal> d = Decimal::Parse(s);
    if (!d.ok()) return CorruptRow(table_, "bad decimal");
    return *d;
  }
  Result<std::optional<Decimal>> NextOptionalDecimal() {
    ASSIGN_OR_RETURN(std::string s, Next());
    if (s.empty()) return std::optional<Decimal>();
    Result<Decimal> d = Decimal::Parse(s);
    if (!d.ok()) return CorruptRow(table_, "bad decimal");
    return std::optional<Decimal>(*d);
  }
  Result<int64_t> NextInt() {
    ASSIGN_OR_RETURN(std::string s, Next());
    int64_t v = 0;
    if (!absl::SimpleAtoi(AsAbsl(s), &v)) return CorruptRow(table_, "bad integer");
    return v;
  }
  template <typename Id>
  Result<Id> NextId() {
    ASSIGN_OR_RETURN(std::string s, Next());
    Result<Id> id = Id::Parse(s);
    if (!id.ok()) return CorruptRow(table_, "bad id");
    return *id;
  }
  bool Done() const { return next_ == items_.size(); }
  size_t Remaining() const { return items_.size() - next_; }

 private:
  std::vector<std::string> items_;
  std::string_view table_;
  size_t next_ = 0;
};

std::string EncodeTiers(const std::vector<PriceTier>& tiers) {
  std::vector<std::string> flat;
  for (const PriceTier& t : tiers) {
    flat.push_back(Text(t.up_to));
    flat.push_back(t.unit_price.ToString());
    flat.push_back(t.flat_fee.ToString());
    flat.push_back(Text(t.package_size));
  }
  return EncodeStringList(flat);
}

Result<std::vector<PriceTier>> DecodeTiers(std::string_view text) {
  Result<std::vector<std::string>> flat = DecodeStringList(text);
  if (!flat.ok() || flat->size() % kTierFields != 0 ||
      flat->size() / kTierFields > kPriceTiersMax) {
    return Corrupt("tiers");
  }
  Cursor cur(*std::move(flat), "plan_charges");
  std::vector<PriceTier> tiers;
  while (!cur.Done()) {
    PriceTier t;
    ASSIGN_OR_RETURN(t.up_to, cur.NextOptionalDecimal());
    ASSIGN_OR_RETURN(t.unit_price, cur.NextDecimal());
    ASSIGN_OR_RETURN(t.flat_fee, cur.NextDecimal());
    ASSIGN_OR_RETURN(t.package_size, cur.NextOptionalDecimal());
    tiers.push_back(std::move(t));
  }
  return tiers;
}

// Money fields are validated exact in the currency, so the conversion never rounds.
Result<int64_t> Minor(Decimal amount, Currency currency) {
  return amount.ToMinorUnits(currency.exponent(), RoundingMode::kHalfUp);
}

Status BindTerms(Statement& st, const ChargePricing& p, Currency currency) {
  for (int col = 9; col <= 14; ++col) st.BindNull(col);
  switch (p.model()) {
    case PricingModel::kPerUnit:
      st.Bind(9, std::get<PerUnitPricing>(p.terms).unit_price.ToString());
      break;
    case PricingModel::kGraduated:
      st.Bind(10, EncodeTiers(std::get<GraduatedPricing>(p.terms).tiers));
      break;
    case PricingModel::kVolume:
      st.Bind(10, EncodeTiers(std::get<VolumePricing>(p.terms).tiers));
      break;
    case PricingModel::kPackage: {
      const auto& m = std::get<PackagePricing>(p.terms);
      st.Bind(11, m.package_size.ToString()).Bind(12, m.package_price.ToString());
      break;
    }
    case PricingModel::kPercentage: {
      const auto& m = std::get<PercentagePricing>(p.terms);
      // Per-transaction bounds need per-event amounts, which usage aggregates do not keep;
      // charges cannot have them (app/charges.h), so there is no column for them.
      if (m.transaction_min.has_value() || m.transaction_max.has_value()) {
        return InternalError("storage.unsupported",
                             "per-transaction bounds are not stored on charges");
      }
      st.Bind(13, m.rate_percent.ToString());
      ASSIGN_OR_RETURN(int64_t fixed, Minor(m.fixed_fee, currency));
      st.Bind(14, fixed);
      break;
    }
  }
  return OkStatus();
}

Result<PricingTerms> ReadTerms(const Statement& st, PricingModel model, Currency currency) {
  auto decimal = [&](int col) -> Result<Decimal> {
    if (st.ColumnIsNull(col)) return Corrupt("missing pricing column");
    return ColumnDecimal(st, col, "plan_charges");
  };
  switch (model) {
    case PricingModel::kPerUnit: {
      ASSIGN_OR_RETURN(Decimal price, decimal(8));
      return PricingTerms(PerUnitPricing{price});
    }
    case PricingModel::kGraduated:
    case PricingModel::kVolume: {
      ASSIGN_OR_RETURN(std::vector<PriceTier> tiers, DecodeTiers(st.ColumnTextView(9)));
      if (model == PricingModel::kGraduated) return PricingTerms(GraduatedPricing{tiers});
      return PricingTerms(VolumePricing{tiers});
    }
    case PricingModel::kPackage: {
      ASSIGN_OR_RETURN(Decimal size, decimal(10));
      ASSIGN_OR_RETURN(Decimal price, decimal(11));
      return PricingTerms(PackagePricing{size, price});
    }
    case PricingModel::kPercentage: {
      ASSIGN_OR_RETURN(Decimal rate, decimal(12));
      if (st.ColumnIsNull(13)) return Corrupt("missing fixed fee");
      const Decimal fixed = Decimal::FromMinor(st.ColumnInt(13), currency.exponent());
      return PricingTerms(PercentagePricing{rate, fixed, {}, {}});
    }
  }
  return Corrupt("model");
}

Result<Charge> ReadCharge(const Statement& st, Currency currency) {
  Charge c;
  c.id = ColumnId<ChargeId>(st, 3);
  c.meter_id = ColumnId<MeterId>(st, 4);
  c.meter_code = st.ColumnText(5);
  c.description = st.ColumnText(6);
  Result<PricingModel> model = ParsePricingModel(st.ColumnTextView(7));
  if (!model.ok()) return Corrupt("model");
  ASSIGN_OR_RETURN(c.pricing.terms, ReadTerms(st, *model, currency));
  ASSIGN_OR_RETURN(c.pricing.free_units, ColumnDecimal(st, 14, "plan_charges"));
  if (std::optional<int64_t> min = st.ColumnOptionalInt(15)) {
    c.pricing.min_amount = Decimal::FromMinor(*min, currency.exponent());
  }
  if (std::optional<int64_t> max = st.ColumnOptionalInt(16)) {
    c.pricing.max_amount = Decimal::FromMinor(*max, currency.exponent());
  }
  // The invariants hold on the way out too: a row edited by hand is reported, not billed.
  if (!ValidateCharge(c, currency).ok()) return Corrupt("charge terms are invalid");
  return c;
}

void EncodeStep(const PricingStep& s, std::vector<std::string>& out) {
  out.emplace_back(PricingStepKindName(s.kind));
  out.push_back(s.from.ToString());
  out.push_back(Text(s.to));
  out.push_back(s.units.ToString());
  out.push_back(Text(s.package_size));
  out.push_back(s.billed_units.ToString());
  out.push_back(s.unit_price.ToString());
  out.push_back(s.flat_fee.ToString());
  out.push_back(s.amount.ToString());
}

Result<PricingStep> DecodeStep(Cursor& cur) {
  PricingStep s;
  ASSIGN_OR_RETURN(std::string kind, cur.Next());
  Result<PricingStepKind> k = ParsePricingStepKind(kind);
  if (!k.ok()) return CorruptLine("step kind");
  s.kind = *k;
  ASSIGN_OR_RETURN(s.from, cur.NextDecimal());
  ASSIGN_OR_RETURN(s.to, cur.NextOptionalDecimal());
  ASSIGN_OR_RETURN(s.units, cur.NextDecimal());
  ASSIGN_OR_RETURN(s.package_size, cur.NextOptionalDecimal());
  ASSIGN_OR_RETURN(s.billed_units, cur.NextDecimal());
  ASSIGN_OR_RETURN(s.unit_price, cur.NextDecimal());
  ASSIGN_OR_RETURN(s.flat_fee, cur.NextDecimal());
  ASSIGN_OR_RETURN(std::string amount, cur.Next());
  Result<ExactAmount> a = ExactAmount::Parse(amount);
  if (!a.ok()) return CorruptLine("step amount");
  s.amount = *a;
  return s;
}

}  // namespace

Status InsertPlanCharges(Connection& c, const Plan& plan) {
  if (plan.charges.empty()) return OkStatus();
  ASSIGN_OR_RETURN(Statement * st,
                   c.Prepare(fmt::format("INSERT INTO plan_charges ({}) VALUES (?, ?, ?, ?, ?, "
                                         "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         kChargeColumns)));
  const Currency currency = plan.amount.currency();
  for (size_t i = 0; i < plan.charges.size(); ++i) {
    const Charge& ch = plan.charges[i];
    BindId(*st, 1, plan.tenant_id);
    BindId(*st, 2, plan.id);
    st->Bind(3, static_cast<int64_t>(i));
    BindId(*st, 4, ch.id);
    BindId(*st, 5, ch.meter_id);
    st->Bind(6, ch.meter_code).Bind(7, ch.description);
    st->Bind(8, PricingModelName(ch.pricing.model()));
    RETURN_IF_ERROR(BindTerms(*st, ch.pricing, currency));
    st->Bind(15, ch.pricing.free_units.ToString());
    std::optional<int64_t> min, max;
    if (ch.pricing.min_amount.has_value()) {
      ASSIGN_OR_RETURN(min, Minor(*ch.pricing.min_amount, currency));
    }
    if (ch.pricing.max_amount.has_value()) {
      ASSIGN_OR_RETURN(max, Minor(*ch.pricing.max_amount, currency));
    }
    st->Bind(16, min).Bind(17, max);
    RETURN_IF_ERROR(st->Run());
  }
  return OkStatus();
}

Status LoadPlanCharges(Connection& c, Plan& plan) {
  ASSIGN_OR_RETURN(Statement * st,
                   c.Prepare(fmt::format("SELECT {} FROM plan_charges WHERE tenant_id = ? AND "
                                         "plan_id = ? ORDER BY position",
                                         kChargeColumns)));
  BindId(*st, 1, plan.tenant_id);
  BindId(*st, 2, plan.id);
  plan.charges.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Charge charge, ReadCharge(*st, plan.amount.currency()));
    plan.charges.push_back(std::move(charge));
  }
  return OkStatus();
}

std::optional<std::string> EncodeLineDetails(const std::optional<UsageLineDetails>& details) {
  if (!details.has_value()) return std::nullopt;
  const UsageLineDetails& d = *details;
  std::vector<std::string> out = {std::string(kDetailsVersion),
                                  std::string(UsageLineKindName(d.kind)),
                                  d.charge_id.ToString(),
                                  d.meter_id.ToString(),
                                  d.meter_code,
                                  std::string(PricingModelName(d.model)),
                                  std::to_string(d.usage_period_index),
                                  d.quantity.ToString(),
                                  std::to_string(d.event_count),
                                  d.free_units.ToString(),
                                  d.billable_quantity.ToString(),
                                  d.exact_amount.ToString(),
                                  std::to_string(d.limit_minor),
                                  std::to_string(d.charge_lines_minor),
                                  std::to_string(d.group.size())};
  for (const auto& [property, value] : d.group) {
    out.push_back(property);
    out.push_back(value);
  }
  out.push_back(std::to_string(d.steps.size()));
  for (const PricingStep& s : d.steps) EncodeStep(s, out);
  return EncodeStringList(out);
}

Result<std::optional<UsageLineDetails>> DecodeLineDetails(const std::optional<std::string>& text) {
  if (!text.has_value()) return std::optional<UsageLineDetails>();
  Result<std::vector<std::string>> items = DecodeStringList(*text);
  if (!items.ok() || items->empty() || items->front() != kDetailsVersion) {
    return CorruptLine("details");
  }
  Cursor cur(*std::move(items), "invoice_lines");
  (void)cur.Next();  // the version
  UsageLineDetails d;
  ASSIGN_OR_RETURN(std::string kind, cur.Next());
  Result<UsageLineKind> k = ParseUsageLineKind(kind);
  if (!k.ok()) return CorruptLine("details kind");
  d.kind = *k;
  ASSIGN_OR_RETURN(d.charge_id, cur.NextId<ChargeId>());
  ASSIGN_OR_RETURN(d.meter_id, cur.NextId<MeterId>());
  ASSIGN_OR_RETURN(d.meter_code, cur.Next());
  ASSIGN_OR_RETURN(std::string model, cur.Next());
  Result<PricingModel> m = ParsePricingModel(model);
  if (!m.ok()) return CorruptLine("details model");
  d.model = *m;
  ASSIGN_OR_RETURN(d.usage_period_index, cur.NextInt());
  ASSIGN_OR_RETURN(d.quantity, cur.NextDecimal());
  ASSIGN_OR_RETURN(d.event_count, cur.NextInt());
  ASSIGN_OR_RETURN(d.free_units, cur.NextDecimal());
  ASSIGN_OR_RETURN(d.billable_quantity, cur.NextDecimal());
  ASSIGN_OR_RETURN(std::string exact, cur.Next());
  Result<ExactAmount> amount = ExactAmount::Parse(exact);
  if (!amount.ok()) return CorruptLine("details amount");
  d.exact_amount = *amount;
  ASSIGN_OR_RETURN(d.limit_minor, cur.NextInt());
  ASSIGN_OR_RETURN(d.charge_lines_minor, cur.NextInt());
  ASSIGN_OR_RETURN(int64_t groups, cur.NextInt());
  if (groups < 0 || static_cast<size_t>(groups) * 2 > cur.Remaining()) {
    return CorruptLine("details groups");
  }
  for (int64_t i = 0; i < groups; ++i) {
    ASSIGN_OR_RETURN(std::string property, cur.Next());
    ASSIGN_OR_RETURN(std::string value, cur.Next());
    d.group.emplace_back(std::move(property), std::move(value));
  }
  ASSIGN_OR_RETURN(int64_t steps, cur.NextInt());
  if (steps < 0 || static_cast<size_t>(steps) * kStepFields != cur.Remaining()) {
    return CorruptLine("details steps");
  }
  for (int64_t i = 0; i < steps; ++i) {
    ASSIGN_OR_RETURN(PricingStep step, DecodeStep(cur));
    d.steps.push_back(std::move(step));
  }
  return std::optional<UsageLineDetails>(std::move(d));
}

Result<std::vector<SubscriptionId>> SqliteRatingRepository::ListFinalUsagePending(
    TenantId tenant, std::optional<SubscriptionId> after, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT id FROM subscriptions WHERE tenant_id = ?1 AND "
                              "status = 'canceled' AND final_usage_invoiced = 0 AND "
                              "(?2 IS NULL OR id > ?2) ORDER BY id LIMIT ?3"));
  BindId(*st, 1, tenant);
  BindOptionalId(*st, 2, after);
  st->Bind(3, limit);
  std::vector<SubscriptionId> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ColumnId<SubscriptionId>(*st, 0));
  }
  return out;
}

Result<bool> SqliteRatingRepository::MarkFinalUsageInvoiced(TenantId tenant, SubscriptionId id,
                                                            int64_t next_index,
                                                            absl::Time next_period_start) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE subscriptions SET final_usage_invoiced = 1, "
                              "next_period_index = ?3, next_period_start_us = ?4 WHERE "
                              "tenant_id = ?1 AND id = ?2 AND status = 'canceled' AND "
                              "final_usage_invoiced = 0"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  st->Bind(3, next_index).Bind(4, Micros(next_period_start));
  RETURN_IF_ERROR(st->Run());
  return st->Changes() == 1;
}

}  // namespace accrue::sqlite
