// Usage charges on plans: turning the fields of a `charges` entry of POST /v1/plans into a
// validated Charge (domain/pricing/charge.h).
//
// Strict, like the rest of the API: the fields a model does not use are refused rather than
// ignored ("tiers" on a per_unit charge is "parameter.not_allowed"), the fields it needs are
// required, and every error names its path from the plan ("charges[1].tiers[0].up_to"). Prices
// and quantities are decimal text with up to 12 decimals; money fields (flat_fee, fixed_fee,
// min_amount, max_amount) must be exact in the plan's currency; rate_percent has at most 10
// decimals. `meter` is a meter id or code of the caller's tenant.
//
// Percentage charges need a meter that sums the transaction amount (aggregation "sum"): its
// event count is the number of transactions the fixed fee applies to. Per-transaction minimum
// and maximum are not offered on charges, because the usage aggregates keep no per-event
// amounts (see docs/pricing.md); the pricing kernel supports them for callers that have the list.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/services.h"
#include "accrue/domain/pricing/charge.h"

namespace accrue {

struct TierFields {
  std::optional<std::string> up_to;  // absent or null: the open last tier
  std::optional<std::string> unit_price;
  std::optional<std::string> flat_fee;
  std::optional<std::string> package_size;
};

struct ChargeFields {
  std::optional<std::string> meter;  // id or code
  std::optional<std::string> model;  // per_unit | graduated | volume | package | percentage
  std::optional<std::string> unit_price;
  std::optional<std::vector<TierFields>> tiers;
  std::optional<std::string> package_size;
  std::optional<std::string> package_price;
  std::optional<std::string> rate_percent;
  std::optional<std::string> fixed_fee;
  std::optional<std::string> free_units;
  std::optional<std::string> min_amount;
  std::optional<std::string> max_amount;
  std::optional<std::string> description;
};

// Builds and validates the charges of a new plan in `currency`, resolving each meter in `tx`.
// Errors carry the param "charges[i]...": "parameter.missing", "parameter.not_allowed",
// "decimal.*", "amount.too_many_decimals", "charge.*", NotFound "meter.not_found",
// "charge.meter_aggregation_mismatch".
Result<std::vector<Charge>> BuildCharges(StoreTx& tx, const Services& services, const Actor& actor,
                                         Currency currency,
                                         const std::vector<ChargeFields>& fields);

}  // namespace accrue
