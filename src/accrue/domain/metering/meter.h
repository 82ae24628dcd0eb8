// Meter (a "billable metric"): how a tenant's raw usage events turn into a quantity per
// subscription period.
//
// Events name a meter by its `code` (unique per tenant, the integrator's stable handle, e.g.
// "api_calls"). A meter keeps the events that pass every `filter` (property equals one of the
// listed values), splits them into groups by the values of up to two `group_by` properties, and
// aggregates each group over a billing period:
//
//   count         number of events                                   (no property)
//   sum           Σ property                                          (decimal, may be negative)
//   max           largest property value
//   unique_count  number of distinct values of the property (compared as text)
//   latest        the property value of the event with the greatest timestamp (ties: the one
//                 received last)
//   weighted_sum  the property is a level (GB stored, seats) that holds from its event's
//                 timestamp until the next event of the same group; the quantity is
//                 Σ level × seconds it held within the period / seconds of the period. The level
//                 in force at the end of a period carries over into the next one (see
//                 domain/metering/aggregation.h for the exact formula).
//
// Meters are immutable once created: changing how a meter aggregates would silently change
// invoices already computed from it; create a new meter instead.
//
// Thread-safe: value types and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/domain/ids.h"

namespace accrue {

enum class Aggregation { kCount, kSum, kMax, kUniqueCount, kLatest, kWeightedSum };

// "count", "sum", "max", "unique_count", "latest", "weighted_sum": the API and storage spelling.
std::string_view AggregationName(Aggregation aggregation);
// The inverse of AggregationName (exact). InvalidArgument reason "meter.unknown_aggregation",
// no param.
Result<Aggregation> ParseAggregation(std::string_view name);
// Whether the aggregation reads a numeric property (sum, max, latest, weighted_sum): events whose
// property is missing or not a decimal number are rejected at ingest.
bool AggregationIsNumeric(Aggregation aggregation);

struct MeterFilter {
  std::string property;
  std::vector<std::string> values;  // the event passes when its property equals one of these
};

struct Meter {
  MeterId id;
  TenantId tenant_id;
  std::string code;
  std::string name;
  Aggregation aggregation = Aggregation::kCount;
  std::string property;  // empty for count, required otherwise
  std::vector<MeterFilter> filters;
  std::vector<std::string> group_by;  // 0..kMeterGroupByMax property names
  absl::Time created_at;
};

// Named limits.
inline constexpr size_t kMeterCodeLengthMax = 64;
inline constexpr size_t kMeterNameLengthMax = 200;
inline constexpr size_t kMeterGroupByMax = 2;
inline constexpr size_t kMeterFiltersMax = 10;
inline constexpr size_t kMeterFilterValuesMax = 100;
// Property names (in events, filters, group_by) and property values.
inline constexpr size_t kPropertyNameLengthMax = 100;
inline constexpr size_t kPropertyValueLengthMax = 500;

// Checks code (1..64 of [A-Za-z0-9_.:-]), name, property (required exactly when the aggregation
// is not count), filters and group_by (non-empty, distinct names). InvalidArgument with the
// offending field as param ("code", "property", "filters[1].values", "group_by").
Status ValidateMeter(const Meter& meter);

}  // namespace accrue
