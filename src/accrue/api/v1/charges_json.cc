#include "accrue/api/v1/charges_json.h"

#include "accrue/money/money.h"

namespace accrue::api {
namespace {

constexpr size_t kDecimalText = Decimal::kMaxTextLength;

Result<TierFields> ParseTier(ObjectReader& t) {
  TierFields f;
  ASSIGN_OR_RETURN(f.up_to, t.OptionalString("up_to", kDecimalText));
  ASSIGN_OR_RETURN(f.unit_price, t.OptionalString("unit_price", kDecimalText));
  ASSIGN_OR_RETURN(f.flat_fee, t.OptionalString("flat_fee", kDecimalText));
  ASSIGN_OR_RETURN(f.package_size, t.OptionalString("package_size", kDecimalText));
  return f;
}

Result<ChargeFields> ParseCharge(ObjectReader& c) {
  ChargeFields f;
  ASSIGN_OR_RETURN(f.meter, c.RequiredString("meter", 64));
  ASSIGN_OR_RETURN(f.model, c.RequiredString("model", 32));
  ASSIGN_OR_RETURN(f.unit_price, c.OptionalString("unit_price", kDecimalText));
  ASSIGN_OR_RETURN(auto tiers, c.OptionalObjectArray("tiers", kPriceTiersMax));
  if (tiers.has_value()) {
    std::vector<TierFields> parsed;
    for (ObjectReader& t : *tiers) {
      ASSIGN_OR_RETURN(TierFields tier, ParseTier(t));
      parsed.push_back(std::move(tier));
    }
    f.tiers = std::move(parsed);
  }
  ASSIGN_OR_RETURN(f.package_size, c.OptionalString("package_size", kDecimalText));
  ASSIGN_OR_RETURN(f.package_price, c.OptionalString("package_price", kDecimalText));
  ASSIGN_OR_RETURN(f.rate_percent, c.OptionalString("rate_percent", kDecimalText));
  ASSIGN_OR_RETURN(f.fixed_fee, c.OptionalString("fixed_fee", kDecimalText));
  ASSIGN_OR_RETURN(f.free_units, c.OptionalString("free_units", kDecimalText));
  ASSIGN_OR_RETURN(f.min_amount, c.OptionalString("min_amount", kDecimalText));
  ASSIGN_OR_RETURN(f.max_amount, c.OptionalString("max_amount", kDecimalText));
  ASSIGN_OR_RETURN(f.description, c.OptionalString("description", kChargeDescriptionLengthMax));
  return f;
}

// Money fields are exact in the plan's currency (validated when the plan was created).
std::string MoneyText(Decimal amount, Currency currency) {
  return amount.ToFixed(currency.exponent(), RoundingMode::kHalfUp);
}

void OptionalDecimalField(JsonWriter& w, std::string_view key, const std::optional<Decimal>& d) {
  if (d.has_value()) {
    w.Field(key, d->ToString());
  } else {
    w.FieldNull(key);
  }
}

void OptionalMoneyField(JsonWriter& w, std::string_view key, const std::optional<Decimal>& d,
                        Currency currency) {
  if (d.has_value()) {
    w.Field(key, MoneyText(*d, currency));
  } else {
    w.FieldNull(key);
  }
}

void WriteTiers(JsonWriter& w, const std::vector<PriceTier>& tiers, Currency currency) {
  w.Key("tiers");
  w.BeginArray();
  for (const PriceTier& t : tiers) {
    w.BeginObject();
    OptionalDecimalField(w, "up_to", t.up_to);
    w.Field("unit_price", t.unit_price.ToString());
    w.Field("flat_fee", MoneyText(t.flat_fee, currency));
    OptionalDecimalField(w, "package_size", t.package_size);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTerms(JsonWriter& w, const ChargePricing& p, Currency currency) {
  switch (p.model()) {
    case PricingModel::kPerUnit:
      w.Field("unit_price", std::get<PerUnitPricing>(p.terms).unit_price.ToString());
      break;
    case PricingModel::kGraduated:
      WriteTiers(w, std::get<GraduatedPricing>(p.terms).tiers, currency);
      break;
    case PricingModel::kVolume:
      WriteTiers(w, std::get<VolumePricing>(p.terms).tiers, currency);
      break;
    case PricingModel::kPackage: {
      const auto& m = std::get<PackagePricing>(p.terms);
      w.Field("package_size", m.package_size.ToString());
      w.Field("package_price", m.package_price.ToString());
      break;
    }
    case PricingModel::kPercentage: {
      const auto& m = std::get<PercentagePricing>(p.terms);
      w.Field("rate_percent", m.rate_percent.ToString());
      w.Field("fixed_fee", MoneyText(m.fixed_fee, currency));
      break;
    }
  }
}

void WriteStep(JsonWriter& w, const PricingStep& s) {
  w.BeginObject();
  w.Field("kind", PricingStepKindName(s.kind));
  w.Field("from", s.from.ToString());
  OptionalDecimalField(w, "to", s.to);
  w.Field("units", s.units.ToString());
  OptionalDecimalField(w, "package_size", s.package_size);
  w.Field("billed_units", s.billed_units.ToString());
  w.Field("unit_price", s.unit_price.ToString());
  w.Field("flat_fee", s.flat_fee.ToString());
  w.Field("amount", s.amount.ToString());
  w.EndObject();
}

}  // namespace

Result<std::optional<std::vector<ChargeFields>>> ParseCharges(ObjectReader& body) {
  ASSIGN_OR_RETURN(auto charges, body.OptionalObjectArray("charges", kPlanChargesMax));
  if (!charges.has_value()) return std::optional<std::vector<ChargeFields>>();
  std::vector<ChargeFields> out;
  for (ObjectReader& c : *charges) {
    ASSIGN_OR_RETURN(ChargeFields f, ParseCharge(c));
    out.push_back(std::move(f));
  }
  return std::optional<std::vector<ChargeFields>>(std::move(out));
}

void WriteCharges(JsonWriter& w, const Plan& plan) {
  const Currency currency = plan.amount.currency();
  w.Key("charges");
  w.BeginArray();
  for (const Charge& c : plan.charges) {
    w.BeginObject();
    w.Field("id", c.id.ToString());
    w.Field("object", "charge");
    w.Field("meter", c.meter_id.ToString());
    w.Field("meter_code", c.meter_code);
    w.Field("description", c.description);
    w.Field("billing_timing", "in_arrears");
    w.Field("model", PricingModelName(c.pricing.model()));
    WriteTerms(w, c.pricing, currency);
    w.Field("free_units", c.pricing.free_units.ToString());
    OptionalMoneyField(w, "min_amount", c.pricing.min_amount, currency);
    OptionalMoneyField(w, "max_amount", c.pricing.max_amount, currency);
    w.EndObject();
  }
  w.EndArray();
}

void WriteLineUsage(JsonWriter& w, const InvoiceLine& line, Currency currency) {
  w.Key("usage");
  if (!line.usage.has_value()) {
    w.Null();
    return;
  }
  const UsageLineDetails& d = *line.usage;
  w.BeginObject();
  w.Field("kind", UsageLineKindName(d.kind));
  w.Field("charge", d.charge_id.ToString());
  w.Field("meter", d.meter_id.ToString());
  w.Field("meter_code", d.meter_code);
  w.Field("model", PricingModelName(d.model));
  w.Field("usage_period_index", d.usage_period_index);
  if (d.kind != UsageLineKind::kUsage) {
    w.Field("limit", Money::FromMinor(d.limit_minor, currency).ToString());
    w.Field("charge_lines_total", Money::FromMinor(d.charge_lines_minor, currency).ToString());
    w.EndObject();
    return;
  }
  w.Key("group");
  w.BeginObject();
  for (const auto& [property, value] : d.group) w.Field(property, value);
  w.EndObject();
  w.Field("quantity", d.quantity.ToString());
  w.Field("event_count", d.event_count);
  w.Field("free_units", d.free_units.ToString());
  w.Field("billable_quantity", d.billable_quantity.ToString());
  // The exact sum of the tiers; the line's amount is this rounded once (see "rounding").
  w.Field("amount_unrounded", d.exact_amount.ToString());
  w.Key("tiers");
  w.BeginArray();
  for (const PricingStep& s : d.steps) WriteStep(w, s);
  w.EndArray();
  w.EndObject();
}

}  // namespace accrue::api
