// Aggregation arithmetic: folding event values into a running aggregate, merging two partial
// aggregates (what ingest does once per aggregate key per batch), and the weighted_sum formula.
//
// Pure and exact: quantities are Decimals, overflow is an error ("decimal.overflow"), never a
// wrap or a double. Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/domain/metering/meter.h"
#include "accrue/money/decimal.h"

namespace accrue {

// A running aggregate of one (subscription, meter, period, group), or a batch's partial one.
struct AggregateState {
  // count: events; sum: Σ values; max: the largest value; unique_count: distinct values;
  // latest: the value of the latest event; weighted_sum: unused (zero).
  Decimal quantity;
  int64_t event_count = 0;
  // latest: which event `quantity` came from; later (timestamp, sequence) wins.
  absl::Time latest_timestamp = absl::InfinitePast();
  int64_t latest_sequence = 0;
};

// Folds one event into `state`. `value` is the event's property value (ignored for count,
// unique_count and weighted_sum, whose caller tracks distinct values / levels itself; for
// unique_count pass `new_distinct` = whether the value is new to the aggregate).
Status FoldEvent(Aggregation aggregation, AggregateState& state, const Decimal& value,
                 absl::Time timestamp, int64_t sequence, bool new_distinct = false);

// Combines a stored aggregate with a batch's partial one over the same key.
Result<AggregateState> MergeStates(Aggregation aggregation, const AggregateState& stored,
                                   const AggregateState& delta);

// One level change of a weighted_sum group.
struct LevelPoint {
  absl::Time timestamp;
  int64_t sequence = 0;
  Decimal level;
};

// weighted_sum of one group over the period [start, end):
//
//   quantity = Σ_i level_i × seconds(overlap of [t_i, t_(i+1)) with [start, min(end, until)))
//              ÷ seconds(end − start)
//
// where the points are sorted by (timestamp, sequence), t_(n+1) = +∞, and the level before the
// first point is 0 (a point before `start` is how a level carries over from an earlier period).
// Several points at one instant: the last one wins (the others hold for zero seconds). Seconds are
// exact to the microsecond; the products are exact whenever the level has at most 6 fractional
// digits, and the one division rounds half-even to 12 fractional digits. Example: a month of 30
// days at level 10 for the first 15 days and 20 afterwards gives 15.
// `until` clips the period for "usage so far" (pass `end` for the full period). Requires
// start < end; points need not be in [start, end).
Result<Decimal> WeightedSum(const std::vector<LevelPoint>& sorted_points, absl::Time start,
                            absl::Time end, absl::Time until);

}  // namespace accrue
