// SQLite storage of usage charges (rows of plan_charges, read and written with their plan), of
// the pricing details of usage invoice lines (invoice_lines.details), and the RatingRepository.
// Internal to storage/sqlite.
//
// Encodings (TEXT columns holding a JSON array of strings, codec.h), versioned by their first
// element so a later layout can be told apart:
//   plan_charges.tiers         4 strings per tier: up_to ("" = open), unit_price, flat_fee,
//                              package_size ("" = none)
//   invoice_lines.details      "usage/1", kind, charge id, meter id, meter code, model, usage
//                              period index, quantity, event count, free units, billable
//                              quantity, exact amount, limit_minor, charge_lines_minor, the
//                              group count then (property, value) pairs, the step count then 9
//                              strings per step (kind, from, to, units, package_size,
//                              billed_units, unit_price, flat_fee, amount; "" = none).
// Anything that does not decode is reported as a corrupt row, never a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accrue/app/ports/store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

// Writes the plan's charges; run in the transaction that inserts the plan.
Status InsertPlanCharges(Connection& c, const Plan& plan);
// Replaces plan.charges with the stored ones, in position order.
Status LoadPlanCharges(Connection& c, Plan& plan);

// NULL (nullopt) for lines without usage details.
std::optional<std::string> EncodeLineDetails(const std::optional<UsageLineDetails>& details);
Result<std::optional<UsageLineDetails>> DecodeLineDetails(const std::optional<std::string>& text);

class SqliteRatingRepository final : public RatingRepository {
 public:
  explicit SqliteRatingRepository(Connection& c) : c_(c) {}
  Result<std::vector<SubscriptionId>> ListFinalUsagePending(TenantId tenant,
                                                            std::optional<SubscriptionId> after,
                                                            int limit) override;
  Result<bool> MarkFinalUsageInvoiced(TenantId tenant, SubscriptionId id, int64_t next_index,
                                      absl::Time next_period_start) override;

 private:
  Connection& c_;
};

}  // namespace accrue::sqlite
