#include "accrue/app/charges.h"

#include <utility>

#include "accrue/app/usage.h"
#include "accrue/base/strings.h"

namespace accrue {
namespace {

Result<Decimal> Number(const std::optional<std::string>& text, std::string_view param) {
  if (!text.has_value()) {
    return InvalidArgument(param, "parameter.missing",
                           fmt::format("{} is required for this pricing model", param));
  }
  Result<Decimal> d = Decimal::Parse(*text);
  if (!d.ok()) return WithParamPrefix(d.status(), param);
  return *d;
}

Result<std::optional<Decimal>> OptionalNumber(const std::optional<std::string>& text,
                                              std::string_view param) {
  if (!text.has_value()) return std::optional<Decimal>();
  ASSIGN_OR_RETURN(Decimal d, Number(text, param));
  return std::optional<Decimal>(d);
}

// Refuses the model-specific fields that `model` does not use.
Status RejectOtherFields(const ChargeFields& f, PricingModel model) {
  const std::pair<std::string_view, bool> fields[] = {
      {"unit_price", f.unit_price.has_value() && model != PricingModel::kPerUnit},
      {"tiers",
       f.tiers.has_value() && model != PricingModel::kGraduated && model != PricingModel::kVolume},
      {"package_size", f.package_size.has_value() && model != PricingModel::kPackage},
      {"package_price", f.package_price.has_value() && model != PricingModel::kPackage},
      {"rate_percent", f.rate_percent.has_value() && model != PricingModel::kPercentage},
      {"fixed_fee", f.fixed_fee.has_value() && model != PricingModel::kPercentage},
  };
  for (const auto& [name, refused] : fields) {
    if (refused) {
      return InvalidArgument(
          name, "parameter.not_allowed",
          fmt::format("{} does not apply to the {} model", name, PricingModelName(model)));
    }
  }
  return OkStatus();
}

Result<std::vector<PriceTier>> BuildTiers(const std::optional<std::vector<TierFields>>& fields) {
  if (!fields.has_value()) {
    return InvalidArgument("tiers", "parameter.missing", "tiers is required for this model");
  }
  std::vector<PriceTier> tiers;
  for (size_t i = 0; i < fields->size(); ++i) {
    const TierFields& t = (*fields)[i];
    const std::string at = fmt::format("tiers[{}]", i);
    PriceTier tier;
    ASSIGN_OR_RETURN(tier.up_to, OptionalNumber(t.up_to, at + ".up_to"));
    ASSIGN_OR_RETURN(tier.unit_price, Number(t.unit_price, at + ".unit_price"));
    ASSIGN_OR_RETURN(std::optional<Decimal> flat, OptionalNumber(t.flat_fee, at + ".flat_fee"));
    tier.flat_fee = flat.value_or(Decimal());
    ASSIGN_OR_RETURN(tier.package_size, OptionalNumber(t.package_size, at + ".package_size"));
    tiers.push_back(std::move(tier));
  }
  return tiers;
}

Result<PricingTerms> BuildTerms(PricingModel model, const ChargeFields& f) {
  switch (model) {
    case PricingModel::kPerUnit: {
      ASSIGN_OR_RETURN(Decimal price, Number(f.unit_price, "unit_price"));
      return PricingTerms(PerUnitPricing{price});
    }
    case PricingModel::kGraduated: {
      ASSIGN_OR_RETURN(std::vector<PriceTier> tiers, BuildTiers(f.tiers));
      return PricingTerms(GraduatedPricing{std::move(tiers)});
    }
    case PricingModel::kVolume: {
      ASSIGN_OR_RETURN(std::vector<PriceTier> tiers, BuildTiers(f.tiers));
      return PricingTerms(VolumePricing{std::move(tiers)});
    }
    case PricingModel::kPackage: {
      ASSIGN_OR_RETURN(Decimal size, Number(f.package_size, "package_size"));
      ASSIGN_OR_RETURN(Decimal price, Number(f.package_price, "package_price"));
      return PricingTerms(PackagePricing{size, price});
    }
    case PricingModel::kPercentage: {
      ASSIGN_OR_RETURN(Decimal rate, Number(f.rate_percent, "rate_percent"));
      ASSIGN_OR_RETURN(std::optional<Decimal> fixed, OptionalNumber(f.fixed_fee, "fixed_fee"));
      return PricingTerms(PercentagePricing{rate, fixed.value_or(Decimal()), {}, {}});
    }
  }
  return InvalidArgument("model", "charge.model_unknown", "unknown pricing model");
}

// A meter by id, else by code.
Result<Meter> ResolveMeter(StoreTx& tx, const Actor& actor, const std::string& ref) {
  if (Result<MeterId> id = MeterId::Parse(ref); id.ok()) {
    Result<Meter> by_id = GetMeter(tx, actor, *id, "meter");
    if (by_id.ok() || by_id.status().code() != absl::StatusCode::kNotFound) return by_id;
  }
  ASSIGN_OR_RETURN(std::optional<Meter> by_code, FindMeterByCode(tx, actor.tenant, ref));
  if (!by_code.has_value()) {
    return NotFound("meter.not_found",
                    fmt::format("no meter with id or code '{}'", ref.substr(0, 64)), "meter");
  }
  return *std::move(by_code);
}

Result<Charge> BuildCharge(StoreTx& tx, const Services& services, const Actor& actor,
                           Currency currency, const ChargeFields& f) {
  Charge c;
  c.id = services.NewId<ChargeId>();
  if (!f.meter.has_value()) {
    return InvalidArgument("meter", "parameter.missing", "meter is required");
  }
  if (!f.model.has_value()) {
    return InvalidArgument("model", "parameter.missing", "model is required");
  }
  Result<PricingModel> model = ParsePricingModel(*f.model);
  if (!model.ok()) return WithParamPrefix(model.status(), "model");
  RETURN_IF_ERROR(RejectOtherFields(f, *model));
  ASSIGN_OR_RETURN(c.pricing.terms, BuildTerms(*model, f));
  ASSIGN_OR_RETURN(std::optional<Decimal> free, OptionalNumber(f.free_units, "free_units"));
  c.pricing.free_units = free.value_or(Decimal());
  ASSIGN_OR_RETURN(c.pricing.min_amount, OptionalNumber(f.min_amount, "min_amount"));
  ASSIGN_OR_RETURN(c.pricing.max_amount, OptionalNumber(f.max_amount, "max_amount"));
  c.description = f.description.value_or("");
  RETURN_IF_ERROR(ValidateCharge(c, currency));
  ASSIGN_OR_RETURN(Meter meter, ResolveMeter(tx, actor, *f.meter));
  if (*model == PricingModel::kPercentage && meter.aggregation != Aggregation::kSum) {
    return InvalidArgument("meter", "charge.meter_aggregation_mismatch",
                           fmt::format("a percentage charge needs a meter that sums the "
                                       "transaction amount; meter '{}' aggregates by {}",
                                       meter.code, AggregationName(meter.aggregation)));
  }
  c.meter_id = meter.id;
  c.meter_code = meter.code;
  return c;
}

}  // namespace

Result<std::vector<Charge>> BuildCharges(StoreTx& tx, const Services& services, const Actor& actor,
                                         Currency currency,
                                         const std::vector<ChargeFields>& fields) {
  if (fields.size() > kPlanChargesMax) {
    return InvalidArgument("charges", "parameter.too_many_items",
                           fmt::format("a plan has at most {} charges", kPlanChargesMax));
  }
  std::vector<Charge> charges;
  for (size_t i = 0; i < fields.size(); ++i) {
    Result<Charge> c = BuildCharge(tx, services, actor, currency, fields[i]);
    if (!c.ok()) return WithParamPrefix(c.status(), fmt::format("charges[{}]", i));
    charges.push_back(*std::move(c));
  }
  return charges;
}

}  // namespace accrue
