// Pricing: how much a quantity of usage costs, under a closed set of pricing models.
//
// The models (docs/pricing.md has worked examples; docs/decisions/0007-pricing.md the reasons):
//   per_unit    quantity × unit_price.
//   graduated   each tier's units at that tier's price, plus the flat fee of every tier reached.
//   volume      every unit at the price of the one tier the quantity falls in, plus its flat fee.
//   package     started packages of `package_size` units × package_price (ceil(q / size)).
//   percentage  rate_percent of a transaction amount (the quantity is the amount), plus a
//               fixed fee per transaction; optionally clamped per transaction (needs the list
//               of transaction amounts, see UsageAmount).
// Each model is one alternative of PricingTerms and one strategy function in pricing.cc; adding
// a model means adding both, and the compiler points at every std::visit that must learn it.
//
// Tiers are given by their inclusive upper bound on the cumulative quantity: {up_to 100},
// {up_to 1000}, {up_to none}. Tier k covers (up_to[k-1], up_to[k]]; the first starts at 0; the
// last is open. So 100 falls in the first tier and 100.000000000001 in the second. A tier may
// bill its units in started packages (`package_size`, Kill Bill's "tier block size").
// The first tier's flat fee is charged even at zero usage (it is the charge's base fee, as in
// Lago); a later tier's flat fee is charged once the quantity exceeds the tier's lower bound.
//
// Free units are deducted from the quantity before the model prices it: volume picks its tier by
// the billable quantity.
//
// Negative quantities (usage refunded by a correcting event): per_unit and percentage price them
// as they are, so the amount goes negative (a credit); graduated, volume and package clamp the
// quantity at zero, because their tiers and packages are defined on 0..∞ (a negative quantity
// there yields the zero-usage price). Free units never make a negative quantity more negative.
//
// Exactness: every price, quantity and fee is a Decimal (12 fractional digits) and every product
// and sum is an ExactAmount (24 digits, no rounding at all). RoundLineAmount is the one place a
// usage amount is rounded: half-up to the currency's minor unit, once per invoice line.
//
// Thread-safety: pure functions over value types.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/pricing/exact_amount.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"

namespace accrue {

enum class PricingModel { kPerUnit, kGraduated, kVolume, kPackage, kPercentage };

// "per_unit", "graduated", "volume", "package", "percentage": the API and storage spelling.
std::string_view PricingModelName(PricingModel model);
// Inverse of PricingModelName. InvalidArgument "charge.model_unknown", no param.
Result<PricingModel> ParsePricingModel(std::string_view name);

inline constexpr size_t kPriceTiersMax = 100;
// rate_percent / 100 must be exact in 12 digits.
inline constexpr int kRatePercentFractionDigitsMax = 10;
// Per-transaction pricing walks the list; a period with more transactions must be priced from
// the aggregate (no per-transaction minimum or maximum).
inline constexpr size_t kTransactionsMax = 100'000;

struct PriceTier {
  std::optional<Decimal> up_to;  // inclusive bound on the cumulative quantity; none: open (last)
  Decimal unit_price;            // per unit, or per started package when package_size is set
  Decimal flat_fee;              // money, exact in the charge's currency
  std::optional<Decimal> package_size;
};

struct PerUnitPricing {
  Decimal unit_price;
};
struct GraduatedPricing {
  std::vector<PriceTier> tiers;
};
struct VolumePricing {
  std::vector<PriceTier> tiers;
};
struct PackagePricing {
  Decimal package_size;   // > 0
  Decimal package_price;  // per started package
};
struct PercentagePricing {
  Decimal rate_percent;  // 0..100, e.g. 2.9
  Decimal fixed_fee;     // per transaction (money)
  // Per-transaction bounds on (percentage + fixed fee), for transactions of amount >= 0.
  std::optional<Decimal> transaction_min;
  std::optional<Decimal> transaction_max;
};

// The alternatives are in PricingModel order, so terms.index() is the model.
using PricingTerms = std::variant<PerUnitPricing, GraduatedPricing, VolumePricing, PackagePricing,
                                  PercentagePricing>;

struct ChargePricing {
  PricingTerms terms;
  Decimal free_units;                 // deducted before pricing; >= 0
  std::optional<Decimal> min_amount;  // per period: a true-up line lifts the charge to it
  std::optional<Decimal> max_amount;  // per period: a cap line brings the charge down to it

  PricingModel model() const { return static_cast<PricingModel>(terms.index()); }
};

// Checks the terms: tiers ascending with the last one open, prices and sizes in range, money
// fields (flat fees, fixed fee, min/max) exact in `currency`, rate_percent 0..100 with at most
// 10 decimals, min <= max. InvalidArgument with param relative to the charge ("tiers[1].up_to",
// "unit_price").
Status ValidateChargePricing(const ChargePricing& pricing, Currency currency);

// What the meter measured in one period (for one group).
struct UsageAmount {
  Decimal quantity;         // the aggregate; for percentage the sum of transaction amounts
  int64_t event_count = 0;  // for percentage: the number of transactions (fixed fees)
  // Only for percentage charges with per-transaction bounds: each transaction's amount, in
  // order. When given it must agree with quantity (its sum) and event_count (its size).
  std::optional<std::span<const Decimal>> transactions;
};

enum class PricingStepKind {
  kUnits,               // per_unit
  kTier,                // graduated: one per tier reached; volume: the one tier applied
  kPackages,            // package
  kPercentage,          // percentage: the rate applied to the billable amount
  kFixedFees,           // percentage: event_count × fixed fee
  kTransactionMinimum,  // percentage: total raise of transactions below the minimum
  kTransactionMaximum,  // percentage: total reduction (negative) of those above the maximum
};
std::string_view PricingStepKindName(PricingStepKind kind);
Result<PricingStepKind> ParsePricingStepKind(std::string_view name);

// One term of the sum that makes up a usage amount; enough for a customer to recompute it:
// amount == billed_units × unit_price + flat_fee, except for the two transaction adjustments
// whose amount is the stated total and whose billed_units counts the transactions adjusted.
struct PricingStep {
  PricingStepKind kind = PricingStepKind::kUnits;
  // kTier: the tier's bounds (from, to], to none for the open tier; other kinds: 0 and the
  // billable quantity.
  Decimal from;
  std::optional<Decimal> to;
  // The quantity this step prices: a graduated tier's share of the billable quantity, the whole
  // billable quantity for volume/per_unit/package/percentage, the transactions for kFixedFees.
  Decimal units;
  std::optional<Decimal> package_size;  // when set, billed_units counts started packages
  Decimal billed_units;                 // what unit_price multiplies
  Decimal unit_price;                   // for kPercentage: the rate as a fraction (2.9% = 0.029)
  Decimal flat_fee;
  ExactAmount amount;
};

struct PricedUsage {
  Decimal quantity;           // as measured
  Decimal free_units;         // actually deducted (<= the configured free units)
  Decimal billable_quantity;  // what the model priced, after free units and clamping
  std::vector<PricingStep> steps;
  ExactAmount amount;  // Σ steps.amount, unrounded
};

// Prices one period's usage. Errors: "amount.overflow" (absurd quantities), and for percentage
// charges with transaction bounds "pricing.transactions_required" when the list is missing or
// "pricing.transactions_inconsistent" when it disagrees with quantity/event_count. A negative
// event_count is "pricing.negative_event_count".
Result<PricedUsage> PriceUsage(const ChargePricing& pricing, const UsageAmount& usage);

// THE rounding of usage: an unrounded line amount to the currency's minor units, half-up (ties
// away from zero, so -0.005 EUR is -0.01). Called once per invoice line and nowhere else.
int64_t RoundLineAmount(ExactAmount amount, Currency currency);

}  // namespace accrue
