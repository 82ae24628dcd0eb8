// The EU VAT decision rules: which category and rate apply to one supply.
//
// Given who sells (SellerTaxProfile), who buys (CustomerTaxProfile), what is sold (SupplyType
// and the product's TaxClass) and on which day, DetermineTreatment answers with a VAT category,
// a rate, the reason when no VAT is charged, whose VAT it is, and which rule decided. The rules,
// in the order they are tried (docs/tax.md has the table and the legal references):
//   1. TaxClass kOutsideScope                        -> O  0 %  VATEX-EU-O
//   2. the customer is exempt (customer.exemption)   -> E  0 %  the customer's reason
//   3. TaxClass kExempt                              -> E  0 %  the line's reason
//   4. customer in the seller's country (and, for an EU seller, inside the EU VAT area: the
//      Canary Islands are not domestic for a seller in Madrid)
//                                                    -> the seller country's rate (S/AA/Z)
//   5. customer outside the EU VAT area              -> G  0 %  VATEX-EU-G (goods and services)
//   6. EU seller, customer in another member state:
//      business with a VAT id: goods                 -> K  0 %  VATEX-EU-IC
//                              services              -> AE 0 %  VATEX-EU-AE "Reverse charge"
//      consumer (or business without a VAT id):
//        digital services and goods (distance sales) -> the customer country's rate (OSS),
//                       or the seller's when eu_b2c_threshold_not_exceeded (Art. 59c)
//        other services                              -> the seller country's rate (Art. 45)
//   7. non-EU seller, customer in the EU:
//      business with a VAT id, services              -> AE 0 %  "Reverse charge"
//      consumer, digital services                    -> the customer country's rate (non-Union OSS)
//      anything else                                 -> G  0 %  (an export from the seller's side)
// A rate of 0 % found in the table (a tenant override) gives category Z, as EN 16931 forbids
// S at 0 %.
//
// Validation happens once per invoice in ResolveParties: countries, the seller's registrations
// and the customer's VAT id (syntax and check digits; a live VIES check is the caller's job).
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/domain/tax/jurisdiction.h"
#include "accrue/domain/tax/rate_table.h"
#include "accrue/domain/tax/tax_category.h"
#include "accrue/domain/tax/vat_id.h"
#include "accrue/money/decimal.h"

namespace accrue::tax {

// What kind of supply a line is; it decides the place of supply for consumers abroad.
enum class SupplyType {
  kDigitalService,  // electronically supplied, telecom, broadcasting (Art. 58): SaaS, downloads
  kService,         // any other service (Art. 44/45)
  kGoods,
};
std::string_view SupplyTypeName(SupplyType type);           // "digital_service", "service", "goods"
Result<SupplyType> ParseSupplyType(std::string_view name);  // "tax.supply_type_unknown"

// How the tenant classifies a product: which rate of the country applies, or why none does.
enum class TaxClass {
  kStandard,
  kReduced,
  kReduced2,
  kSuperReduced,
  kParking,
  kZero,          // zero-rated (Z), e.g. newspapers in BE or DK
  kExempt,        // exempt supply (E); the line must carry an exemption reason
  kOutsideScope,  // not subject to VAT (O), e.g. a disbursement
};
// "standard", "reduced", "reduced2", "super_reduced", "parking", "zero", "exempt",
// "outside_scope".
std::string_view TaxClassName(TaxClass tax_class);
Result<TaxClass> ParseTaxClass(std::string_view name);  // "tax.class_unknown"

struct TaxRegistration {
  std::string country;  // ISO 3166-1 alpha-2
  std::string vat_id;   // as issued, e.g. "DE136308783"; validated for EU countries
};

struct SellerTaxProfile {
  std::string country;  // ISO code of the establishment
  // The seller's VAT registrations. An EU seller needs one in its own country; more (say FR
  // for local sales, or an OSS registration) only change which VAT id is printed.
  std::vector<TaxRegistration> registrations;
  // True while the seller is a single-state business whose cross-border B2C digital services
  // and distance sales stay under EUR 10,000 a year (Art. 59c): those are then taxed at home.
  bool eu_b2c_threshold_not_exceeded = false;
};

enum class CustomerKind { kBusiness, kConsumer };

struct CustomerTaxProfile {
  CustomerKind kind = CustomerKind::kConsumer;
  std::string country;  // ISO code of where the customer belongs (address, or evidence for OSS)
  std::string region;   // ISO 3166-2 or "" (ES-CN: Canary Islands)
  std::string vat_id;   // a business's VAT id, "" if none
  std::optional<TaxExemption> exemption;  // the customer itself is exempt (embassy, ...)
};

// Which rule decided a treatment; stable names for logs, reports and tests.
enum class TaxRule {
  kOutsideScope,
  kExemptCustomer,
  kExemptSupply,
  kExport,
  kDomestic,       // the customer is in the seller's country
  kSellerCountry,  // cross-border, but taxed where the seller is (Art. 45, Art. 59c)
  kDestination,    // taxed in the customer's country (OSS)
  kReverseCharge,
  kIntraCommunitySupply,
};
std::string_view TaxRuleName(TaxRule rule);

struct LineTreatment {
  TaxCategory category = TaxCategory::kStandard;
  Decimal percent;                        // 0 unless ChargesVat(category)
  std::optional<TaxExemption> exemption;  // set exactly when NeedsExemptionReason(category)
  Jurisdiction jurisdiction;              // whose VAT (or whose exemption) this is
  TaxRule rule = TaxRule::kDomestic;
};

// Parties checked once per invoice.
struct ResolvedParties {
  SellerTaxProfile seller;
  CustomerTaxProfile customer;
  bool seller_in_eu = false;
  bool customer_in_eu_vat_area = false;
  std::optional<VatId> customer_vat_id;  // parsed, when the customer gave one
};

// Validates both profiles. Errors (InvalidArgument) name the field: "seller.country",
// "seller.registrations[i].vat_id", "customer.country", "customer.vat_id" (with the
// tax.vat_id.* reasons), "customer.region", "customer.exemption". Reasons of our own:
// "tax.country_unknown", "tax.region_unknown" (not an ISO 3166-2 code of the country),
// "tax.seller_registration_missing" (an EU seller without a registration in its country),
// "tax.vat_id.country_mismatch" (a VAT id of another country than the party's).
Result<ResolvedParties> ResolveParties(const SellerTaxProfile& seller,
                                       const CustomerTaxProfile& customer);

// The treatment of one supply on `supply_day`. `exemption` is required (and only used) for
// TaxClass kExempt. Errors: "tax.exemption.*" (param "exemption"), and "tax.rate_not_found"
// from the rate table.
Result<LineTreatment> DetermineTreatment(const ResolvedParties& parties, SupplyType supply,
                                         TaxClass tax_class,
                                         const std::optional<TaxExemption>& exemption,
                                         absl::CivilDay supply_day, const RateTable& rates);

// The day of supply of a service billed for [start, end_exclusive): its last day, because a
// continuous supply is made when the period it covers ends (Art. 64(1)). A period that ends at
// midnight on 2020-07-01 was supplied on 2020-06-30, at June's rate.
absl::CivilDay SupplyDayOfPeriod(absl::CivilDay start, absl::CivilDay end_exclusive);

}  // namespace accrue::tax
