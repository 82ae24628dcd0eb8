// Use cases for plans. Amounts arrive as decimal strings in the plan's currency and must not
// have more decimals than the currency's ISO 4217 minor unit ("12.345" EUR is refused, not
// rounded: a price is what the seller typed, exactly).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/charges.h"
#include "accrue/app/services.h"

namespace accrue {

struct PlanFields {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> currency;
  std::optional<std::string> amount;
  std::optional<std::string> interval;  // "day", "week", "month", "quarter", "year"
  std::optional<int> interval_count;
  std::optional<Metadata> metadata;
  std::optional<std::vector<ChargeFields>> charges;  // usage charges (app/charges.h)
};

Result<Plan> CreatePlan(StoreTx& tx, const Services& services, const Actor& actor,
                        const PlanFields& fields);
Result<Plan> GetPlan(StoreTx& tx, const Actor& actor, PlanId id, std::string_view param = "id");
Result<Page<Plan>> ListPlans(StoreTx& tx, const Actor& actor, const PageRequest& page);

}  // namespace accrue
