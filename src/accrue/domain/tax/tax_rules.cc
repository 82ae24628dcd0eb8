#include "accrue/domain/tax/tax_rules.h"

#include <array>
#include <utility>

#include "accrue/base/strings.h"
#include "accrue/domain/country.h"
#include "accrue/domain/tax/name_table.h"

namespace accrue::tax {
namespace {

using internal::NameOf;
using internal::NameTable;
using internal::ParseName;

constexpr NameTable<SupplyType, 3> kSupplyNames = {{
    {SupplyType::kDigitalService, "digital_service"},
    {SupplyType::kService, "service"},
    {SupplyType::kGoods, "goods"},
}};

constexpr NameTable<TaxClass, 8> kClassNames = {{
    {TaxClass::kStandard, "standard"},
    {TaxClass::kReduced, "reduced"},
    {TaxClass::kReduced2, "reduced2"},
    {TaxClass::kSuperReduced, "super_reduced"},
    {TaxClass::kParking, "parking"},
    {TaxClass::kZero, "zero"},
    {TaxClass::kExempt, "exempt"},
    {TaxClass::kOutsideScope, "outside_scope"},
}};

constexpr NameTable<TaxRule, 9> kRuleNames = {{
    {TaxRule::kOutsideScope, "outside_scope"},
    {TaxRule::kExemptCustomer, "exempt_customer"},
    {TaxRule::kExemptSupply, "exempt_supply"},
    {TaxRule::kExport, "export"},
    {TaxRule::kDomestic, "domestic"},
    {TaxRule::kSellerCountry, "seller_country"},
    {TaxRule::kDestination, "destination"},
    {TaxRule::kReverseCharge, "reverse_charge"},
    {TaxRule::kIntraCommunitySupply, "intra_community_supply"},
}};

Status CheckCountry(std::string_view country, std::string_view param) {
  if (IsIsoCountryCode(country)) return OkStatus();
  return InvalidArgument(param, "tax.country_unknown",
                         fmt::format("'{}' is not an ISO 3166-1 alpha-2 code", country));
}

// Parses an EU VAT id and checks it belongs to `country`.
Result<VatId> ParseVatIdOf(std::string_view text, std::string_view country,
                           std::string_view param) {
  Result<VatId> id = ParseVatId(text);
  if (!id.ok()) return WithParamPrefix(id.status(), param);
  if (id->Country() != country) {
    return InvalidArgument(param, "tax.vat_id.country_mismatch",
                           fmt::format("VAT id {} is not from {}", id->ToString(), country));
  }
  return id;
}

LineTreatment Untaxed(TaxCategory category, TaxExemption exemption, Jurisdiction where,
                      TaxRule rule) {
  return LineTreatment{category, Decimal(), std::move(exemption), std::move(where), rule};
}

std::optional<RateKind> RateKindOf(TaxClass tax_class) {
  switch (tax_class) {
    case TaxClass::kStandard:
      return RateKind::kStandard;
    case TaxClass::kReduced:
      return RateKind::kReduced;
    case TaxClass::kReduced2:
      return RateKind::kReduced2;
    case TaxClass::kSuperReduced:
      return RateKind::kSuperReduced;
    case TaxClass::kParking:
      return RateKind::kParking;
    case TaxClass::kZero:
    case TaxClass::kExempt:
    case TaxClass::kOutsideScope:
      return std::nullopt;
  }
  return std::nullopt;
}

// The VAT of `where` at the rate the product's class has there on `day`.
Result<LineTreatment> Taxed(Jurisdiction where, TaxClass tax_class, absl::CivilDay day,
                            TaxRule rule, const RateTable& rates) {
  std::optional<RateKind> kind = RateKindOf(tax_class);
  if (!kind) return LineTreatment{TaxCategory::kZero, Decimal(), std::nullopt, where, rule};
  ASSIGN_OR_RETURN(Decimal percent, rates.Find(where.country, where.region, *kind, day));
  TaxCategory category =
      *kind == RateKind::kStandard ? TaxCategory::kStandard : TaxCategory::kReduced;
  if (percent.IsZero()) category = TaxCategory::kZero;
  return LineTreatment{category, percent, std::nullopt, std::move(where), rule};
}

}  // namespace

std::string_view SupplyTypeName(SupplyType type) { return NameOf(kSupplyNames, type); }
Result<SupplyType> ParseSupplyType(std::string_view name) {
  return ParseName(kSupplyNames, name, "tax.supply_type_unknown",
                   "supply type (digital_service, service, goods)");
}
std::string_view TaxClassName(TaxClass tax_class) { return NameOf(kClassNames, tax_class); }
Result<TaxClass> ParseTaxClass(std::string_view name) {
  return ParseName(kClassNames, name, "tax.class_unknown", "tax class");
}
std::string_view TaxRuleName(TaxRule rule) { return NameOf(kRuleNames, rule); }

Result<ResolvedParties> ResolveParties(const SellerTaxProfile& seller,
                                       const CustomerTaxProfile& customer) {
  RETURN_IF_ERROR(CheckCountry(seller.country, "seller.country"));
  RETURN_IF_ERROR(CheckCountry(customer.country, "customer.country"));
  if (!customer.region.empty() &&
      (customer.region.size() > 6 || customer.region.rfind(customer.country + "-", 0) != 0)) {
    return InvalidArgument("customer.region", "tax.region_unknown",
                           fmt::format("'{}' is not an ISO 3166-2 code of {}",
                                       customer.region.substr(0, 8), customer.country));
  }
  ResolvedParties out{seller, customer, IsEuMemberState(seller.country),
                      IsInEuVatArea(customer.country, customer.region), std::nullopt};
  bool home_registration = false;
  for (size_t i = 0; i < seller.registrations.size(); ++i) {
    const TaxRegistration& r = seller.registrations[i];
    const std::string param = fmt::format("seller.registrations[{}]", i);
    RETURN_IF_ERROR(CheckCountry(r.country, param + ".country"));
    if (IsEuMemberState(r.country)) {
      ASSIGN_OR_RETURN(VatId id, ParseVatIdOf(r.vat_id, r.country, param + ".vat_id"));
      out.seller.registrations[i].vat_id = id.ToString();
    }
    home_registration = home_registration || r.country == seller.country;
  }
  if (out.seller_in_eu && !home_registration) {
    return InvalidArgument("seller.registrations", "tax.seller_registration_missing",
                           fmt::format("an EU seller needs its {} VAT registration to invoice "
                                       "VAT",
                                       seller.country));
  }
  if (!customer.vat_id.empty() && IsEuMemberState(customer.country)) {
    ASSIGN_OR_RETURN(VatId id, ParseVatIdOf(customer.vat_id, customer.country, "customer.vat_id"));
    out.customer.vat_id = id.ToString();
    out.customer_vat_id = std::move(id);
  }
  if (customer.exemption) {
    Status s = ValidateExemption(*customer.exemption);
    if (!s.ok()) return WithParamPrefix(s, "customer.exemption");
  }
  return out;
}

Result<LineTreatment> DetermineTreatment(const ResolvedParties& parties, SupplyType supply,
                                         TaxClass tax_class,
                                         const std::optional<TaxExemption>& exemption,
                                         absl::CivilDay supply_day, const RateTable& rates) {
  const SellerTaxProfile& seller = parties.seller;
  const CustomerTaxProfile& customer = parties.customer;
  const Jurisdiction home{seller.country, ""};
  const Jurisdiction destination{customer.country, customer.region};

  if (tax_class == TaxClass::kOutsideScope) {
    return Untaxed(TaxCategory::kOutsideScope, OutsideScopeExemption(), home,
                   TaxRule::kOutsideScope);
  }
  if (customer.exemption) {
    return Untaxed(TaxCategory::kExempt, *customer.exemption, destination,
                   TaxRule::kExemptCustomer);
  }
  if (tax_class == TaxClass::kExempt) {
    if (!exemption) {
      return InvalidArgument("exemption", "tax.exemption.missing",
                             "an exempt line needs a VATEX code or a reason text");
    }
    Status s = ValidateExemption(*exemption);
    if (!s.ok()) return WithParamPrefix(s, "exemption");
    return Untaxed(TaxCategory::kExempt, *exemption, home, TaxRule::kExemptSupply);
  }
  const bool domestic = customer.country == seller.country &&
                        (!parties.seller_in_eu || parties.customer_in_eu_vat_area);
  if (domestic) return Taxed(home, tax_class, supply_day, TaxRule::kDomestic, rates);
  if (!parties.customer_in_eu_vat_area) {
    return Untaxed(TaxCategory::kExport, ExportExemption(), destination, TaxRule::kExport);
  }
  // The customer is in the EU VAT area, in another country than the seller.
  const bool business = customer.kind == CustomerKind::kBusiness && parties.customer_vat_id;
  if (business && supply != SupplyType::kGoods) {
    return Untaxed(TaxCategory::kReverseCharge, ReverseChargeExemption(), destination,
                   TaxRule::kReverseCharge);
  }
  if (!parties.seller_in_eu) {
    if (!business && supply == SupplyType::kDigitalService) {
      return Taxed(destination, tax_class, supply_day, TaxRule::kDestination, rates);
    }
    return Untaxed(TaxCategory::kExport, ExportExemption(), destination, TaxRule::kExport);
  }
  if (business) {  // goods to a business in another member state
    return Untaxed(TaxCategory::kIntraCommunity, IntraCommunityExemption(), destination,
                   TaxRule::kIntraCommunitySupply);
  }
  if (supply == SupplyType::kService || seller.eu_b2c_threshold_not_exceeded) {
    return Taxed(home, tax_class, supply_day, TaxRule::kSellerCountry, rates);
  }
  return Taxed(destination, tax_class, supply_day, TaxRule::kDestination, rates);
}

absl::CivilDay SupplyDayOfPeriod(absl::CivilDay start, absl::CivilDay end_exclusive) {
  return end_exclusive > start ? end_exclusive - 1 : start;
}

}  // namespace accrue::tax
