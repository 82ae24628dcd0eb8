#include "accrue/domain/metering/aggregation.h"

#include <algorithm>

#include "accrue/base/check.h"

namespace accrue {
namespace {

bool Later(absl::Time ts_a, int64_t seq_a, absl::Time ts_b, int64_t seq_b) {
  return ts_a > ts_b || (ts_a == ts_b && seq_a > seq_b);
}

// Exact seconds of a duration, to the microsecond.
Decimal Seconds(absl::Duration d) { return Decimal::FromMinor(absl::ToInt64Microseconds(d), 6); }

}  // namespace

Status FoldEvent(Aggregation aggregation, AggregateState& state, const Decimal& value,
                 absl::Time timestamp, int64_t sequence, bool new_distinct) {
  switch (aggregation) {
    case Aggregation::kCount:
      state.quantity = state.quantity + Decimal::FromInt(1);
      break;
    case Aggregation::kSum: {
      ASSIGN_OR_RETURN(state.quantity, Decimal::Add(state.quantity, value));
      break;
    }
    case Aggregation::kMax:
      if (state.event_count == 0 || value > state.quantity) state.quantity = value;
      break;
    case Aggregation::kUniqueCount:
      if (new_distinct) state.quantity = state.quantity + Decimal::FromInt(1);
      break;
    case Aggregation::kLatest:
      if (state.event_count == 0 ||
          Later(timestamp, sequence, state.latest_timestamp, state.latest_sequence)) {
        state.quantity = value;
        state.latest_timestamp = timestamp;
        state.latest_sequence = sequence;
      }
      break;
    case Aggregation::kWeightedSum:
      break;
  }
  ++state.event_count;
  return OkStatus();
}

Result<AggregateState> MergeStates(Aggregation aggregation, const AggregateState& stored,
                                   const AggregateState& delta) {
  if (stored.event_count == 0) return delta;
  if (delta.event_count == 0) return stored;
  AggregateState out = stored;
  out.event_count = stored.event_count + delta.event_count;
  switch (aggregation) {
    case Aggregation::kCount:
    case Aggregation::kSum:
    case Aggregation::kUniqueCount: {
      ASSIGN_OR_RETURN(out.quantity, Decimal::Add(stored.quantity, delta.quantity));
      break;
    }
    case Aggregation::kMax:
      out.quantity = std::max(stored.quantity, delta.quantity);
      break;
    case Aggregation::kLatest:
      if (Later(delta.latest_timestamp, delta.latest_sequence, stored.latest_timestamp,
                stored.latest_sequence)) {
        out.quantity = delta.quantity;
        out.latest_timestamp = delta.latest_timestamp;
        out.latest_sequence = delta.latest_sequence;
      }
      break;
    case Aggregation::kWeightedSum:
      break;
  }
  return out;
}

Result<Decimal> WeightedSum(const std::vector<LevelPoint>& points, absl::Time start, absl::Time end,
                            absl::Time until) {
  ACCRUE_CHECK(start < end, "WeightedSum needs a non-empty period");
  const absl::Time stop = std::min(end, until);
  Decimal level_seconds;  // Σ level × seconds
  for (size_t i = 0; i < points.size(); ++i) {
    const absl::Time from = std::max(points[i].timestamp, start);
    const absl::Time to =
        std::min(i + 1 < points.size() ? points[i + 1].timestamp : absl::InfiniteFuture(), stop);
    if (to <= from) continue;
    ASSIGN_OR_RETURN(Decimal part,
                     Decimal::Mul(points[i].level, Seconds(to - from), RoundingMode::kHalfEven));
    ASSIGN_OR_RETURN(level_seconds, Decimal::Add(level_seconds, part));
  }
  return Decimal::Div(level_seconds, Seconds(end - start), RoundingMode::kHalfEven);
}

}  // namespace accrue
