// Reading metered usage: what rating and invoicing need from the usage that ingest
// (app/usage_ingest.h) recorded.
//
// Quantities come from the running aggregates kept up to date at ingest, one row per
// (subscription, meter, period index, group), so reading a period costs the same whether it saw
// ten events or ten million. The exception is weighted_sum, computed here from the stored level
// changes of the period (plus the level in force when it started); still independent of the
// events of other periods.
//
// Attribution: an accepted event counts for EVERY active subscription of its customer at ingest
// time (usually exactly one); which of them actually charges for the meter is the plan's business
// (charges), not ingest's. Periods are those of each subscription's cycle in the customer's time
// zone (time/billing_period.h).
//
// Late usage: usage of period i is billed in arrears on the invoice of period i + 1, which is
// created when period i + 1 starts (next_period_index becomes i + 2). An event whose period is
// already billed that way (period_index + 1 < next_period_index) is still stored and still added
// to its period's aggregate, and is also listed by ListLateUsage so rating can issue adjustment
// lines.
//
// Every function runs inside the caller's transaction; none commits. Thread-safety: as StoreTx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "accrue/app/ports/usage_store.h"
#include "accrue/app/services.h"
#include "accrue/domain/metering/meter.h"
#include "accrue/money/decimal.h"

namespace accrue {

// The values of a meter's group_by properties for one group, in group_by order; empty when the
// meter has no group_by. An event without one of the properties is in the group with "" there.
struct UsageGroup {
  std::vector<std::pair<std::string, std::string>> values;  // group_by property → value

  friend bool operator==(const UsageGroup&, const UsageGroup&) = default;
};

struct UsageQuantity {
  UsageGroup group;
  Decimal quantity;
  int64_t event_count = 0;  // events of this period and group (weighted_sum: level changes)
};

// Quantities of one meter for one subscription period, one entry per group (an empty vector when
// there was no usage), ordered by group. For weighted_sum the level is assumed to hold to the end
// of the period (the full-period quantity); groups whose level carried over from an earlier period
// appear with event_count 0. NotFound "subscription.not_found" / "meter.not_found" for unknown
// ids; InvalidArgument "usage.period_out_of_range" for a negative or absurd period index.
Result<std::vector<UsageQuantity>> UsageForPeriod(StoreTx& tx, TenantId tenant,
                                                  SubscriptionId subscription, MeterId meter,
                                                  int64_t period_index);

// NotFound (reason "meter.not_found", param `param`) when absent or another tenant's.
Result<Meter> GetMeter(StoreTx& tx, const Actor& actor, MeterId id, std::string_view param = "id");
Result<std::optional<Meter>> FindMeterByCode(StoreTx& tx, TenantId tenant, std::string_view code);

inline constexpr int kLateUsageListMax = 10'000;

// Late events (LateUsageEvent, in app/ports/usage_store.h) of `subscription` with sequence >
// `after_sequence`, in sequence order, at most `limit` (1..kLateUsageListMax). Rating recomputes
// UsageForPeriod for each period listed and bills the difference from what it invoiced before;
// keep the last sequence seen as the cursor.
Result<std::vector<LateUsageEvent>> ListLateUsage(StoreTx& tx, TenantId tenant,
                                                  SubscriptionId subscription,
                                                  int64_t after_sequence, int limit);

// Usage of the current period of each active subscription of a customer, for
// GET /v1/customers/{id}/usage.
struct MeterUsage {
  Meter meter;
  std::vector<UsageQuantity> groups;  // as UsageForPeriod, weighted_sum computed up to `now`
};
struct SubscriptionUsage {
  Subscription subscription;
  int64_t period_index = 0;
  absl::Time period_start;
  absl::Time period_end;
  std::vector<MeterUsage> meters;  // every meter of the tenant with usage in the period
};
inline constexpr int kCurrentUsageMetersMax = 1000;
Result<std::vector<SubscriptionUsage>> CurrentUsage(StoreTx& tx, const Actor& actor,
                                                    CustomerId customer, absl::Time now);

}  // namespace accrue
